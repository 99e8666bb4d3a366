import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { runningEmbeddedPostgres } from '../database/embedded-postgres';
import { openDatabase } from '../database/open-database';
import { type ChainAnchor, parseChainAnchor } from '../platform/audit/audit-anchor';
import { auditVerifyCommand } from '../platform/audit/audit-verify.command';

/** The anchors from AUDIT_ANCHORS and each `--anchor <seq>:<hash>` argument. */
function anchorsOf(args: readonly string[], configured: readonly string[]): ChainAnchor[] {
  const texts = [...configured];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--anchor') texts.push(args[++i] ?? '');
    else if (arg.startsWith('--anchor=')) texts.push(arg.slice('--anchor='.length));
    else throw new Error(`unknown argument ${arg} (expected --anchor <seq>:<hash>)`);
  }
  return texts.map((text) => {
    const anchor = parseChainAnchor(text);
    if (!anchor) throw new Error('--anchor must be <seq>:<64 hex digits>, as logged in auditAnchor');
    return anchor;
  });
}

/**
 * `npm run audit:verify [-- --anchor <seq>:<hash> ...]`: walks the audit
 * chain, prints the first event altered, removed or inserted out of order,
 * or the outside anchor (a logged checkpoint, also from AUDIT_ANCHORS) the
 * chain no longer reaches, and exits 1 when there is one (2 when the check
 * itself could not run). Uses DATABASE_URL, or the embedded PostgreSQL (the
 * running one when the app is up).
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const anchors = anchorsOf(process.argv.slice(2), config.AUDIT_ANCHORS);
  const running = config.DATABASE_URL ? null : await runningEmbeddedPostgres(config.EMBEDDED_PG_PORT);
  const database = running ? { url: running, close: async () => undefined } : await openDatabase(config);
  try {
    return await auditVerifyCommand(database.url, (line) => process.stdout.write(`${line}\n`), anchors);
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
