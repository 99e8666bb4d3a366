import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/** The benchmark's database: kept between `bench:seed` and `bench` so the seed runs once. */
export interface BenchDatabase {
  /** URL of the seeded `opp_bench` database. */
  url: string;
  /** URL of the server's maintenance database. */
  serverUrl: string;
  embedded: boolean;
  close(): Promise<void>;
}

export const BENCH_DB = 'opp_bench';
const BENCH_DATA_DIR = '.data/bench';
const BENCH_PG_PORT = 54339;

/**
 * DATABASE_URL's server when set, otherwise an embedded PostgreSQL with its
 * cluster in `.data/bench` (kept, so a seeded database is reused).
 */
export async function openBenchDatabase(env: NodeJS.ProcessEnv = process.env): Promise<BenchDatabase> {
  const external = env.DATABASE_URL;
  const embedded = external
    ? null
    : await startEmbeddedPostgres({ dataDir: BENCH_DATA_DIR, port: Number(env.BENCH_PG_PORT ?? BENCH_PG_PORT) });
  const serverUrl = external ?? (embedded as { url: string }).url;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${BENCH_DB}`;
  return {
    url: url.toString(),
    serverUrl,
    embedded: embedded !== null,
    close: async () => {
      await embedded?.stop();
    },
  };
}
