import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { runningEmbeddedPostgres } from '../database/embedded-postgres';
import { openDatabase } from '../database/open-database';
import { auditVerifyCommand } from '../platform/audit/audit-verify.command';

/**
 * `npm run audit:verify`: walks the audit chain, prints the first event
 * altered, removed or inserted out of order, and exits 1 when there is one
 * (2 when the check itself could not run). Uses DATABASE_URL, or the
 * embedded PostgreSQL (the running one when the app is up).
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const running = config.DATABASE_URL ? null : await runningEmbeddedPostgres(config.EMBEDDED_PG_PORT);
  const database = running ? { url: running, close: async () => undefined } : await openDatabase(config);
  try {
    return await auditVerifyCommand(database.url, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Audit verification could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
