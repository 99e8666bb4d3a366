import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { addToCareTeam, createPatient } from './support/factories';
import { registeredRoutes } from './support/routes';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { type OpenApiDocument, type Operation, wrongBody, wrongQuery } from './support/wrong-input';

/**
 * Property: for every route of the OpenAPI document, wrong input (types,
 * nulls, missing and extra fields, huge strings and arrays, deep nesting,
 * control characters, bad encoding, non-JSON) gets a 4xx problem+json and
 * leaves every table's row count unchanged. Bounded runs keep it to seconds.
 */
const RUNS_PER_ROUTE = 12;

/** Refused requests on a patient's records are audited on purpose; every other table must stay as it was. */
const COUNTED_TABLES_EXCLUDE = ['audit_events', 'migrations'];

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

describe('wrong input on every route of the OpenAPI document', () => {
  jest.setTimeout(300_000);
  let t: TestApp;
  let doc: OpenApiDocument;
  let byRole: Record<string, TestUser>;
  let pathValues: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const clinician = await t.createUser('clinician');
    const manager = await t.createUser('case_manager');
    byRole = { clinician, case_manager: manager, admin: await t.createUser('admin') };
    const patientId = (await createPatient(t, manager)).id;
    await addToCareTeam(t, patientId, clinician);
    const settings = (await t.as(byRole.admin as TestUser).get('/api/v1/settings')).body as { key: string }[];
    // A real report id, so the report route's own query validation is reached rather than an unknown-report 404.
    pathValues = { key: settings[0]?.key ?? 'none', report: 'census', id: patientId };
    // The committed document: the server test proves it equals what the built server serves (ts-jest does not
    // run the Swagger CLI plugin, so the in-process /docs-json lacks what the plugin derives from the DTOs).
    doc = JSON.parse(readFileSync('openapi.json', 'utf8')) as OpenApiDocument;
  });
  afterAll(() => t.close());

  async function rowCounts(): Promise<Record<string, number>> {
    const tables = (await t.db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name <> ALL($1) ORDER BY table_name`,
      [COUNTED_TABLES_EXCLUDE],
    )) as { table_name: string }[];
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables) counts[table] = await t.count(`"${table}"`);
    return counts;
  }

  const isProblem = (res: Answer) =>
    res.status >= 400 &&
    res.status < 500 &&
    /^application\/problem\+json/.test(res.headers['content-type'] ?? '') &&
    typeof res.body.type === 'string' &&
    res.body.status === res.status;

  function operations(): { method: string; path: string; op: Operation }[] {
    return Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method,
        path: path.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name] ?? pathValues.id ?? ''),
        op,
      })),
    );
  }

  it('covers every route the application registers (support groups, aftercare and reports included)', () => {
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`)),
    );
    const registered = registeredRoutes(t.app).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.length).toBeGreaterThan(100);
    expect(registered.filter((route) => !documented.has(route))).toEqual([]);
    for (const prefix of ['/api/v1/support-groups', '/api/v1/patients/{id}/aftercare-plan', '/api/v1/follow-ups', '/api/v1/reports']) {
      expect([...documented].some((route) => route.includes(prefix))).toBe(true);
    }
  });

  it('answers wrong bodies and query strings with a 4xx problem+json and writes nothing', async () => {
    const failures: string[] = [];
    for (const { method, path, op } of operations()) {
      const role = op['x-roles']?.[0];
      const user = role ? byRole[role] : undefined;
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      const send = (query: string, body: string | undefined) => {
        const call = t.http()[method as 'get'](`${path}?${query}`).set('If-Match', '"1"');
        const authed = user ? call.auth(user.token, { type: 'bearer' }) : call;
        return body === undefined
          ? authed
          : authed.set('Content-Type', 'application/json').serialize((raw: unknown) => raw as string).send(body);
      };
      const before = await rowCounts();
      const input = bodySchema
        ? fc.record({ query: fc.constant(''), body: wrongBody(doc, bodySchema) as fc.Arbitrary<string | undefined> })
        : fc.record({ query: wrongQuery(op.parameters), body: fc.constant(undefined) });
      await fc.assert(
        fc.asyncProperty(input, async ({ query, body }) => {
          const res = (await send(query, body)) as unknown as Answer;
          if (!isProblem(res)) failures.push(`${method.toUpperCase()} ${path}?${query.slice(0, 40)} ${JSON.stringify(body?.slice(0, 60) ?? '')} -> ${res.status}`);
          return true;
        }),
        { numRuns: RUNS_PER_ROUTE, seed: 16 },
      );
      // Bodies with valid JSON but a wrong query too: the query checks apply to body routes as well.
      if (bodySchema) {
        await fc.assert(
          fc.asyncProperty(wrongQuery(op.parameters), async (query) => {
            const res = (await send(query, '{}')) as unknown as Answer;
            if (!isProblem(res)) failures.push(`${method.toUpperCase()} ${path}?${query.slice(0, 40)} {} -> ${res.status}`);
            return true;
          }),
          { numRuns: 3, seed: 16 },
        );
      }
      const after = await rowCounts();
      if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${method.toUpperCase()} ${path} changed row counts`);
    }
    expect(failures).toEqual([]);
  });
});
