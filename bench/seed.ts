import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { hashPassword } from '../src/identity/users/password-hasher';
import { runMigrations } from '../src/database/migrate';
import { openBenchDatabase } from './bench-database';
import { BENCH_PASSWORD, benchClinicianEmail, SEED_STATEMENTS } from './seed-data';

/**
 * `npm run bench:seed [-- --force]`: migrates the benchmark database and fills
 * it with the synthetic load in set-wise SQL. A seeded database is left alone
 * unless --force recreates it.
 */
export async function seedBenchDatabase(url: string, log: (line: string) => void): Promise<void> {
  await runMigrations(url);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rowCount } = await db.query('SELECT 1 FROM users WHERE email = $1', [benchClinicianEmail(1)]);
    if (rowCount) {
      log('benchmark database already seeded (npm run bench:seed -- --force to recreate it)');
      return;
    }
    const hash = await hashPassword(BENCH_PASSWORD);
    const started = performance.now();
    await db.query('BEGIN');
    for (const step of SEED_STATEMENTS.filter((s) => s.sql !== 'ANALYZE')) {
      const t0 = performance.now();
      const result = await db.query(step.sql, step.usesHash ? [hash] : []);
      log(`  ${step.what}: ${result.rowCount ?? 0} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    await db.query('COMMIT');
    await db.query('ANALYZE');
    log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  try {
    if (process.argv.includes('--force')) {
      const admin = new Client({ connectionString: database.serverUrl });
      await admin.connect();
      await admin.query('DROP DATABASE IF EXISTS opp_bench WITH (FORCE)');
      await admin.query('CREATE DATABASE opp_bench');
      await admin.end();
    }
    await seedBenchDatabase(database.url, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
