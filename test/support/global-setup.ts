import { tempDir } from './temp-dir';
import { runMigrations } from '../../src/database/migrate';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { TEMPLATE_DB, withClient, withDatabase } from './database';
import { freePort } from './free-port';

/**
 * Starts an embedded PostgreSQL for the run (or uses DATABASE_URL), and
 * migrates one template database that every test file copies.
 */
export default async function globalSetup(): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dataDir = tempDir('test-');
    const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    (globalThis as { __embeddedPg?: { stop(): Promise<void>; dataDir: string } }).__embeddedPg = {
      stop: embedded.stop,
      dataDir,
    };
    url = embedded.url;
  }
  process.env.TEST_SERVER_URL = url;
  await withClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  await runMigrations(withDatabase(url, TEMPLATE_DB));
}
