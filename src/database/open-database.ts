import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { serverTroubleLines } from './postgres-log';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR. */
export async function openDatabase(
  config: AppConfig,
  log: { info(message: string): void; warn(message: string): void } = { info: () => undefined, warn: () => undefined },
): Promise<OpenDatabase> {
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, embedded: false, close: async () => undefined };
  }
  log.info(`starting embedded PostgreSQL (data in ${config.DATA_DIR}/pg, port ${config.EMBEDDED_PG_PORT})`);
  const embedded = await startEmbeddedPostgres({
    dataDir: config.DATA_DIR,
    port: config.EMBEDDED_PG_PORT,
    onLog: (message) => {
      for (const line of serverTroubleLines(message)) log.warn(line);
    },
  });
  return { url: embedded.url, embedded: true, close: () => embedded.stop() };
}
