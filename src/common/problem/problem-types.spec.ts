import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_PROBLEM_TYPE_URIS, type DomainErrorCode, PROBLEM_TYPES, problemTypeUri } from './problem-types';

const CODES = Object.keys(PROBLEM_TYPES) as DomainErrorCode[];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const SOURCES = sourceFiles('src')
  .filter((path) => !path.endsWith(join('problem', 'problem-types.ts')))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

describe('problem types', () => {
  it('documents every problem type in the committed OpenAPI problem schema', () => {
    const openapi = JSON.parse(readFileSync('openapi.json', 'utf8')) as {
      components: { schemas: { ProblemDocumentSchema: { properties: { type: { enum: string[] } } } } };
    };
    expect(openapi.components.schemas.ProblemDocumentSchema.properties.type.enum).toEqual(ALL_PROBLEM_TYPE_URIS);
  });

  it('documents every code a domain error is raised with', () => {
    const raised = [...SOURCES.matchAll(/(?:DomainError|AuditedError)\(\s*'([a-z_]+)'/g)].map((m) => m[1] as string);
    expect(raised.length).toBeGreaterThan(40);
    expect(raised.filter((code) => !(code in PROBLEM_TYPES))).toEqual([]);
  });

  it('lists no problem type that nothing raises', () => {
    expect(CODES.filter((code) => !SOURCES.includes(`'${code}'`))).toEqual([]);
  });

  it('gives each rule its own type URI with an error status', () => {
    expect(new Set(ALL_PROBLEM_TYPE_URIS).size).toBe(CODES.length);
    expect(problemTypeUri('dose_limit_exceeded')).toBe('https://outpatient-program.example/problems/dose-limit-exceeded');
    expect(problemTypeUri('episode_already_open')).toBe('https://outpatient-program.example/problems/episode-already-open');
    for (const code of CODES) expect(PROBLEM_TYPES[code].status).toBeGreaterThanOrEqual(400);
  });
});
