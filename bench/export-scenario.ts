import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { VITALS_EXPORT } from '../src/reports/catalogue/row-exports';
import { reportPeriod } from '../src/reports/report-period';
import { outputColumns } from '../src/reports/report-rows';
import type { ServerProcess } from './processes';

/** One timed download: milliseconds, bytes, and (for the app) its server's peak RSS. */
export interface ExportTiming {
  ms: number;
  /** Milliseconds to the first byte of the body (the app's download only). */
  firstByteMs: number | null;
  bytes: number;
  peakRssMiB: number | null;
}

/** Every seeded vital sign (hourly over the last ~42 days) falls in this period. */
export function exportPeriod(): { from: string; to: string } {
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  return { from: day(-400), to: day(1) };
}

/** A sink that only counts what it is given. */
function countingSink(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      sink.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

/**
 * Vacuums the tables the load scenarios just wrote to and checkpoints, so the
 * export and its COPY baseline both read a settled table instead of the first
 * of them paying for autovacuum, hint bits and a checkpoint triggered by those
 * inserts (CHECKPOINT needs a superuser or pg_checkpoint: skipped without).
 */
export async function settleAfterLoad(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('VACUUM (ANALYZE) vital_signs, audit_events');
    await db.query('CHECKPOINT').catch(() => undefined);
  } finally {
    await db.end();
  }
}

/** The app's de-identified vitals CSV (`GET /api/v1/reports/vitals?format=csv`), downloaded whole. */
export async function timeAppExport(app: ServerProcess, adminToken: string): Promise<ExportTiming> {
  const { from, to } = exportPeriod();
  app.resetPeakRss();
  const started = performance.now();
  const res = await fetch(`${app.base}/api/v1/reports/vitals?from=${from}&to=${to}&format=csv`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (res.status !== 200 || !res.body) throw new Error(`the vitals export answered ${res.status}`);
  let bytes = 0;
  let firstByteMs: number | null = null;
  for await (const chunk of res.body) {
    firstByteMs ??= Math.round(performance.now() - started);
    bytes += (chunk as Uint8Array).length;
  }
  return { ms: Math.round(performance.now() - started), firstByteMs, bytes, peakRssMiB: app.peakRssMiB() };
}

/**
 * The physical limit: the report's own SQL (VITALS_EXPORT.sql, same period),
 * its de-identified columns only (the patient id and age in years where the
 * app writes their key and band; the relative time, not the instant), as
 * `COPY (...) TO STDOUT CSV` through pg-copy-streams into a null sink.
 */
export async function timeCopyExport(databaseUrl: string, timeZone: string): Promise<ExportTiming> {
  const { from, to } = exportPeriod();
  const period = reportPeriod(from, to, timeZone);
  if (typeof period === 'string') throw new Error(period);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // COPY takes no parameters: the runner's ($1 start, $2 end, $3 time zone) go in as quoted literals.
    const literals: Record<string, string> = {
      $1: `${client.escapeLiteral(period.start.toISOString())}::timestamptz`,
      $2: `${client.escapeLiteral(period.end.toISOString())}::timestamptz`,
      $3: `${client.escapeLiteral(period.timeZone)}::text`,
    };
    const sql = VITALS_EXPORT.sql.replace(/\$[123]\b/g, (p) => literals[p] as string);
    const cells = outputColumns(VITALS_EXPORT, false)
      .map((c) => (c.type === 'patient_key' ? 'r.patient_id' : c.type === 'age_band' ? 'r.age_years' : `r.${c.name}`));
    const sink = countingSink();
    const started = performance.now();
    await pipeline(client.query(copyTo(`COPY (SELECT ${cells.join(', ')} FROM (${sql}) r) TO STDOUT WITH (FORMAT csv, HEADER)`)), sink);
    return { ms: Math.round(performance.now() - started), firstByteMs: null, bytes: sink.bytes, peakRssMiB: null };
  } finally {
    await client.end();
  }
}
