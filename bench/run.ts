import 'reflect-metadata';
import path from 'node:path';
import { Client } from 'pg';
import { openBenchDatabase } from './bench-database';
import { measureColdStart } from './cold-start';
import { loadFixtures } from './fixtures';
import { explainHotQueries } from './query-plans';
import { settleAfterLoad, timeAppExport, timeCopyExport } from './export-scenario';
import { AppConfig } from '../src/config/app-config';
import { freePort, runLoad, SERVER_NODE_FLAGS, type ServerProcess, startServer } from './processes';
import { formatTable, type ResultRow, writeResults } from './results';
import { scenarios } from './scenarios';
import { seedBenchDatabase } from './seed';

/**
 * `npm run bench [-- --seconds N]`: seeds the benchmark database once (see
 * bench:seed), starts the production build and the bare baseline as separate
 * processes, drives each scenario with autocannon from a third process, and
 * prints and writes bench/RESULTS.md.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', 10);
const WARMUP_SECONDS = option('warmup', 3);
/** `--cpu-prof DIR`: the main app writes a V8 CPU profile there when it stops (open it in Chrome DevTools). */
const CPU_PROFILE_DIR = args.includes('--cpu-prof') ? path.resolve(args[args.indexOf('--cpu-prof') + 1] ?? 'bench/profiles') : null;
const COLD_STARTS = 3;
/**
 * `--only vitals,read,calendar,flowsheet,export,variants,cold`: run just those
 * parts (RESULTS.md is then left alone, since the table would be partial).
 */
const ONLY = args.includes('--only') ? new Set(String(args[args.indexOf('--only') + 1]).split(',')) : null;
const runs = (part: string) => ONLY === null || ONLY.has(part);
/** App settings measured against the defaults (LOG_LEVEL=info, DATABASE_POOL_SIZE=10) on one scenario each. */
const VARIANTS: { scenario: number; label: string; env: Record<string, string> }[] = [
  { scenario: 1, label: 'request log off (LOG_LEVEL=warn)', env: { LOG_LEVEL: 'warn' } },
  { scenario: 0, label: 'pool of 20 (DATABASE_POOL_SIZE=20)', env: { DATABASE_POOL_SIZE: '20' } },
  { scenario: 0, label: 'pool of 5 (DATABASE_POOL_SIZE=5)', env: { DATABASE_POOL_SIZE: '5' } },
];

async function measure(server: ServerProcess, name: string, connections: number, requests: Parameters<typeof runLoad>[0]['requests']) {
  await runLoad({ base: server.base, connections, seconds: WARMUP_SECONDS, requests });
  server.resetPeakRss();
  const result = await runLoad({ base: server.base, connections, seconds: SECONDS, requests });
  process.stdout.write(`  ${name}: ${result.requestsPerSecond} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors\n`);
  return { ...result, peakRssMiB: server.peakRssMiB() };
}

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  let app: ServerProcess | undefined;
  let baseline: ServerProcess | undefined;
  try {
    await seedBenchDatabase(database.url, log);
    const db = new Client({ connectionString: database.url });
    await db.connect();
    const postgres = ((await db.query('SELECT version()')).rows[0] as { version: string }).version.split(' on ')[0] as string;
    await db.end();

    const appEnv = (overrides: Record<string, string>, port: number) => ({
      ...process.env, NODE_ENV: 'production', DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: 'info',
      JWT_SECRET: 'benchmark-secret-that-is-long-enough-for-hs256', REPORT_KEY_SECRET: 'benchmark-report-key-secret-long-enough-for-hmac',
      DATA_DIR: path.resolve('.data/bench-app'), ...overrides,
    });
    const startApp = async (overrides: Record<string, string> = {}) => {
      const port = await freePort();
      return startServer({ script: 'dist/src/main.js', nodeFlags: SERVER_NODE_FLAGS, port, readyPath: '/health', env: appEnv(overrides, port) });
    };
    app = await startApp(CPU_PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${CPU_PROFILE_DIR}` } : {});
    const baselinePort = await freePort();
    baseline = await startServer({
      script: path.join(__dirname, 'baseline', 'server.js'),
      args: [database.url, String(baselinePort)],
      port: baselinePort,
      readyPath: '/',
      env: process.env,
    });
    const fixtures = await loadFixtures(database.url, app.base);

    const plans = await explainHotQueries(database.url, fixtures);
    for (const p of plans) log(`\nplan of the ${p.name}:\n${p.plan}`);
    const fullScans = plans.filter((p) => p.fullScans.length > 0).map((p) => `${p.name} (${p.fullScans.join(', ')})`);

    const rows: ResultRow[] = [];
    for (const s of scenarios(fixtures).filter((x) => runs(x.key))) {
      log(`${s.name} (${s.connections} connections, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up)`);
      const measured = await measure(app, 'app', s.connections, s.app);
      const bare = s.baseline ? await measure(baseline, 'baseline', s.connections, s.baseline) : null;
      const ratio = bare ? Math.round((measured.requestsPerSecond / bare.requestsPerSecond) * 100) / 100 : null;
      const targets = [s.minRatio !== null ? `ratio >= ${s.minRatio}` : null, s.maxP99Ms !== null ? `p99 <= ${s.maxP99Ms} ms` : null];
      const met = (s.minRatio === null || (ratio ?? 0) >= s.minRatio) && (s.maxP99Ms === null || measured.p99Ms <= s.maxP99Ms)
        && measured.errors === 0;
      rows.push({
        scenario: s.name, connections: s.connections, requestsPerSecond: measured.requestsPerSecond, p50Ms: measured.p50Ms,
        p99Ms: measured.p99Ms, errors: measured.errors, peakRssMiB: measured.peakRssMiB, ratio,
        target: targets.filter(Boolean).join(', '), met,
      });
      if (bare) {
        rows.push({
          scenario: `  baseline: ${s.name}`, connections: s.connections, requestsPerSecond: bare.requestsPerSecond, p50Ms: bare.p50Ms,
          p99Ms: bare.p99Ms, errors: bare.errors, peakRssMiB: bare.peakRssMiB, ratio: 1, target: '', met: null,
        });
      }
    }
    if (runs('export')) {
      log('export: the vitals CSV of every seeded reading, app vs COPY of the same query');
      // On a freshly started server, so its peak RSS is the export's, not the heap the load scenarios left behind.
      await app.stop();
      await settleAfterLoad(database.url);
      app = await startApp();
      const exported = await timeAppExport(app, fixtures.adminToken);
      const copied = await timeCopyExport(database.url, new AppConfig().PROGRAM_TIMEZONE);
      log(`  app: ${exported.ms} ms (first byte after ${exported.firstByteMs} ms), ${exported.bytes} bytes, peak RSS ${exported.peakRssMiB} MiB; ` +
        `COPY: ${copied.ms} ms, ${copied.bytes} bytes`);
      const exportRatio = Math.round((copied.ms / exported.ms) * 100) / 100;
      rows.push({
        scenario: `export GET /reports/vitals?format=csv (1,000,000 rows, one download; p50 = its ms, first byte after ${exported.firstByteMs} ms)`,
        connections: 1,
        requestsPerSecond: null, p50Ms: exported.ms, p99Ms: null, errors: 0, peakRssMiB: exported.peakRssMiB, ratio: exportRatio,
        target: 'ratio >= 0.5, peak RSS < 256 MiB', met: exportRatio >= 0.5 && (exported.peakRssMiB ?? 0) < 256,
      });
      rows.push({
        scenario: '  baseline: COPY (same query) TO STDOUT CSV into a null sink', connections: 1, requestsPerSecond: null,
        p50Ms: copied.ms, p99Ms: null, errors: 0, peakRssMiB: null, ratio: 1, target: '', met: null,
      });
    }

    await app.stop();
    app = undefined;

    // The same scenario on an app started differently: is request logging or the pool size what limits it?
    const all = scenarios(fixtures);
    for (const variant of VARIANTS.filter(() => runs('variants'))) {
      const s = all[variant.scenario] as (typeof all)[number];
      log(`${s.name} with ${variant.label}`);
      app = await startApp(variant.env);
      const measured = await measure(app, 'app', s.connections, s.app);
      await app.stop();
      app = undefined;
      const bare = rows.find((r) => r.scenario === `  baseline: ${s.name}`);
      rows.push({
        scenario: `  variant: ${s.name}, ${variant.label}`, connections: s.connections, requestsPerSecond: measured.requestsPerSecond,
        p50Ms: measured.p50Ms, p99Ms: measured.p99Ms, errors: measured.errors, peakRssMiB: measured.peakRssMiB,
        ratio: bare?.requestsPerSecond ? Math.round((measured.requestsPerSecond / bare.requestsPerSecond) * 100) / 100 : null,
        target: '', met: null,
      });
    }

    if (runs('cold')) {
      log('cold start: npm start on an existing data directory to a healthy /health');
      const coldMs = await measureColdStart(COLD_STARTS);
      rows.push({
        scenario: `cold start to healthy /health (median of ${COLD_STARTS}), ms`, connections: null, requestsPerSecond: null,
        p50Ms: coldMs, p99Ms: null, errors: null, peakRssMiB: null, ratio: null, target: '< 3000 ms', met: coldMs < 3000,
      });
    }

    rows.push({
      scenario: 'query plans: calendar, flowsheet, alert list', connections: null, requestsPerSecond: null, p50Ms: null,
      p99Ms: null, errors: null, peakRssMiB: null, ratio: null,
      target: fullScans.length ? `whole-table scans: ${fullScans.join('; ')}` : 'no whole-table scan', met: fullScans.length === 0,
    });
    const table = formatTable(rows);
    log(`\n${table}\n`);
    if (ONLY === null) {
      writeResults(path.resolve('bench/RESULTS.md'), table, {
        postgres, database: database.embedded ? 'embedded' : 'DATABASE_URL',
        command: `npm run bench -- --seconds ${SECONDS} --warmup ${WARMUP_SECONDS}`,
      }, plans);
      log('written to bench/RESULTS.md');
    }
    if (rows.some((r) => (r.errors ?? 0) > 0)) process.exitCode = 1;
    if (fullScans.length > 0) {
      process.stderr.write(`a hot query reads a whole large table: ${fullScans.join('; ')}\n`);
      process.exitCode = 1;
    }
  } finally {
    await app?.stop();
    await baseline?.stop();
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
