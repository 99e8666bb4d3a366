import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { QueryPlan } from './query-plans';

/** One row of the results table. */
export interface ResultRow {
  scenario: string;
  connections: number | null;
  requestsPerSecond: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  errors: number | null;
  peakRssMiB: number | null;
  /** Throughput relative to the bare baseline (or the stated measure), when there is one. */
  ratio: number | null;
  /** The target as text, and whether this run met it. */
  target: string;
  met: boolean | null;
}

const cell = (v: number | string | boolean | null) => (v === null ? '-' : typeof v === 'boolean' ? (v ? 'yes' : 'NO') : String(v));

export function formatTable(rows: ResultRow[]): string {
  const header = ['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MiB', 'ratio', 'target', 'met'];
  const lines = rows.map((r) => [
    r.scenario, cell(r.connections), cell(r.requestsPerSecond), cell(r.p50Ms), cell(r.p99Ms), cell(r.errors),
    cell(r.peakRssMiB), cell(r.ratio), r.target, cell(r.met),
  ]);
  return [header, header.map(() => '---'), ...lines].map((cols) => `| ${cols.join(' | ')} |`).join('\n');
}

/** Writes bench/RESULTS.md: the table with the machine and versions it was measured on. */
export function writeResults(
  file: string, table: string, context: { postgres: string; database: string; command: string }, plans: QueryPlan[],
): void {
  const cpu = cpus();
  writeFileSync(
    file,
    [
      '# Benchmark results',
      '',
      `Measured ${new Date().toISOString()} with \`${context.command}\`.`,
      '',
      `- machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), server and load generator sharing them`,
      `- Node ${process.version}, ${context.postgres}, database: ${context.database}`,
      '- load: autocannon in its own process over loopback; server: the production build (`node dist/src/main.js`, NODE_ENV=production, LOG_LEVEL=info) in its own process',
      '- ratio: the app\'s throughput divided by the bare `node:http` + `pg` baseline (bench/baseline) doing the same rows in the same run',
      '',
      table,
      '',
      '## Query plans (EXPLAIN ANALYZE of the app\'s SQL on the seeded data)',
      '',
      ...plans.flatMap((p) => [`### ${p.name}`, '', '```', p.plan, '```', '']),
    ].join('\n'),
  );
}
