import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { hashPassword } from '../src/identity/users/password-hasher';
import { loadConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/migrate';
import { configureHttp, initHttp } from '../src/http-app';
import { runScenario, type Scenario, type ScenarioResult } from './load';
import { benchScenarios } from './scenarios';

/**
 * Load benchmark: boots the real application on a fresh database (embedded
 * PostgreSQL, or a new database on DATABASE_URL's server), seeds synthetic
 * data, then drives HTTP scenarios over loopback and prints latency,
 * throughput and memory. Usage: npm run bench [-- --requests N --concurrency C]
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(String(process.argv[i]).replace(/^--/, ''), String(process.argv[i + 1]));
const REQUESTS = Number(args.get('requests') ?? 2000);
const CONCURRENCY = Number(args.get('concurrency') ?? 16);
const MAX_SECONDS = Number(args.get('max-seconds') ?? 20);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function main(): Promise<void> {
  mkdirSync('.data', { recursive: true });
  const dataDir = mkdtempSync(path.resolve('.data', 'bench-'));
  const external = loadConfig().DATABASE_URL;
  const embedded = external ? null : await startEmbeddedPostgres({ dataDir, port: await freePort() });
  const serverUrl = external ?? (embedded as { url: string }).url;
  const dbName = `opp_bench_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  try {
    await runMigrations(databaseUrl);
    const config = loadConfig({
      NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: databaseUrl,
      JWT_SECRET: 'benchmark-secret-that-is-long-enough-for-hs256',
    });
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl }), {
      bodyParser: false,
      logger: false,
    });
    configureHttp(app);
    await initHttp(app);
    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const scenarios: Scenario[] = await benchScenarios({ base, db, hashPassword });
    await db.end();

    const rssBefore = process.memoryUsage().rss;
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      results.push(await runScenario(scenario, { concurrency: CONCURRENCY, requests: REQUESTS, maxSeconds: MAX_SECONDS }));
    }
    const rssAfter = process.memoryUsage().rss;
    process.stdout.write(`\nBenchmark: ${CONCURRENCY} concurrent clients, up to ${REQUESTS} requests or ${MAX_SECONDS} s per scenario, database ${external ? 'DATABASE_URL' : 'embedded'}\n\n`);
    process.stdout.write(`${'scenario'.padEnd(40)} ${'req'.padStart(6)} ${'err'.padStart(5)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}\n`);
    for (const r of results) {
      process.stdout.write(
        `${r.name.padEnd(40)} ${String(r.requests).padStart(6)} ${String(r.errors).padStart(5)} ${String(r.requestsPerSecond).padStart(8)} ${String(r.p50Ms).padStart(8)} ${String(r.p95Ms).padStart(8)} ${String(r.p99Ms).padStart(8)}\n`,
      );
    }
    const mib = (n: number) => Math.round(n / 1048576);
    process.stdout.write(`\nprocess RSS: ${mib(rssBefore)} MiB before the scenarios, ${mib(rssAfter)} MiB after; heap used ${mib(process.memoryUsage().heapUsed)} MiB\n`);
    await app.close();
    if (results.some((r) => r.errors > 0)) process.exitCode = 1;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
