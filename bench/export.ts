import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/migrate';
import { configureHttp, initHttp } from '../src/http-app';

/**
 * Export benchmark: seeds N synthetic vital-signs rows (default 1,000,000),
 * exports them as CSV over HTTP, and prints the time to the first byte, the
 * total time, the bytes and the process's peak RSS (server and a client that
 * only counts bytes). Usage: npm run bench:export [-- --rows N --format csv|json|xlsx]
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(String(process.argv[i]).replace(/^--/, ''), String(process.argv[i + 1]));
const ROWS = Number(args.get('rows') ?? 1_000_000);
const FORMAT = args.get('format') ?? 'csv';

async function main(): Promise<void> {
  mkdirSync('.data', { recursive: true });
  const dataDir = mkdtempSync(path.resolve('.data', 'bench-export-'));
  const external = loadConfig().DATABASE_URL;
  const embedded = external ? null : await startEmbeddedPostgres({ dataDir, port: 55000 + Math.floor(Math.random() * 900) });
  const serverUrl = external ?? (embedded as { url: string }).url;
  const dbName = `opp_bench_export_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  try {
    await runMigrations(databaseUrl);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const seedStart = Date.now();
    const [user] = (await db.query(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ('bench@example.org', 'Bench Admin', 'admin', 'x') RETURNING id`,
    )).rows as { id: string }[];
    const userId = (user as { id: string }).id;
    // 1,000 synthetic patients with one detox episode each, and ROWS readings spread over them.
    await db.query(`INSERT INTO patients (given_name, family_name, date_of_birth, sex_at_birth)
      SELECT 'Bench', 'Patient' || n, date '1970-01-01' + n, 'unknown' FROM generate_series(1, 1000) n`);
    await db.query(`INSERT INTO detox_episodes (patient_id, substances, expected_length_days, setting, started_at, started_by)
      SELECT id, '{alcohol}', 5, 'ambulatory', timestamptz '2025-01-01 00:00Z', $1 FROM patients`, [userId]);
    await db.query(`INSERT INTO vital_signs (patient_id, episode_id, taken_at, heart_rate, news2_complete, news2_subscores, news2_missing, recorded_by)
      SELECT e.patient_id, e.id, timestamptz '2025-01-02 00:00Z' + (n % 86400) * interval '1 second', 60 + n % 50, false, '{}', '{spo2}', $1
      FROM generate_series(1, ${ROWS}) n JOIN (SELECT row_number() OVER () - 1 AS k, id, patient_id FROM detox_episodes) e ON e.k = n % 1000`,
    [userId]);
    await db.end();
    process.stdout.write(`seeded ${ROWS} vital-signs rows in ${Math.round((Date.now() - seedStart) / 1000)} s\n`);

    const config = loadConfig({
      NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: databaseUrl,
      JWT_SECRET: 'benchmark-secret-that-is-long-enough-for-hs256',
    });
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl }), { bodyParser: false, logger: false });
    configureHttp(app);
    await initHttp(app);
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const token = await app.get(JwtService).signAsync({ sub: userId, role: 'admin', epoch: 1 }, { expiresIn: 900 });

    const start = process.hrtime.bigint();
    const result = await new Promise<{ status: number; firstByteMs: number; bytes: number }>((resolve, reject) => {
      http.get({
        host: '127.0.0.1', port, path: `/api/v1/reports/vitals?from=2025-01-01&to=2025-01-03&format=${FORMAT}`,
        headers: { authorization: `Bearer ${token}` },
      }, (res) => {
        let firstByteMs = -1;
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          if (firstByteMs < 0) firstByteMs = Number(process.hrtime.bigint() - start) / 1e6;
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, firstByteMs, bytes }));
        res.on('error', reject);
      }).on('error', reject);
    });
    const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
    const peakMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(
      `export ${FORMAT}: status ${result.status}, first byte after ${Math.round(result.firstByteMs)} ms, ` +
      `${result.bytes} bytes in ${Math.round(totalMs)} ms (${Math.round(ROWS / (totalMs / 1000))} rows/s), peak RSS ${peakMiB} MiB\n`,
    );
    await app.close();
    if (result.status !== 200 || peakMiB >= 256 || result.firstByteMs > 1000) process.exitCode = 1;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`export benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
