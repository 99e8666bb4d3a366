import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEMPLATE_DB = 'opp_test_template';

/** The test server's maintenance URL, set by the global setup. */
export function serverUrl(): string {
  const url = process.env.TEST_SERVER_URL;
  if (!url) throw new Error('TEST_SERVER_URL is not set: run the tests through jest (global setup)');
  return url;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh copy of the migrated template database for one test file. */
export async function createTestDatabase(): Promise<{ url: string; name: string }> {
  const name = `opp_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl(), (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
  return { url: withDatabase(serverUrl(), name), name };
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withClient(serverUrl(), (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
