import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from './config/app-config';
import { runningEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { openDatabase } from './database/open-database';
import { writeAtomically } from './reports/cli/atomic-output';
import { CSV_RECORDS, ONE_ROW_PER_CHUNK, progressCounter } from './reports/cli/report-progress';
import { ReportCliModule } from './report-cli.module';
import { sendReport } from './reports/output/send-report';
import { TABLE_FORMATS, type TableFormat } from './reports/output/table-format';
import { ReportRunner } from './reports/report-runner.service';
import { ProgramSummaryService } from './reports/summary/program-summary.service';

const USAGE = 'usage: npm run report -- <report-id> --from YYYY-MM-DD --to YYYY-MM-DD --format csv|xlsx|json|pdf --out FILE';

/**
 * Runs one report from the command line against the configured database (or
 * the running embedded one), de-identified, audited as a command-line run.
 * Identified exports are disclosures with a recipient and a consent check:
 * they are made through the API only.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', default: 'csv' }, out: { type: 'string' } },
  });
  const [id] = positionals;
  const { from, to, format, out } = values;
  if (!id || !from || !to || !out) throw new ConfigError(USAGE);
  const pdf = id === 'program-summary';
  if (pdf ? format !== 'pdf' : !TABLE_FORMATS.includes(format as TableFormat)) {
    throw new ConfigError(pdf ? 'program-summary is written as --format pdf' : `--format must be one of ${TABLE_FORMATS.join(', ')}`);
  }
  const config = loadConfig();
  const running = config.DATABASE_URL ? null : await runningEmbeddedPostgres(config.EMBEDDED_PG_PORT);
  const database = running ? { url: running, close: async () => undefined } : await openDatabase(config);
  await runMigrations(database.url);
  const app = await NestFactory.createApplicationContext(ReportCliModule.forRoot({ config, databaseUrl: database.url }), { logger: false });
  try {
    await writeAtomically(out, async (file) => {
      if (pdf) {
        file.end(await app.get(ProgramSummaryService).render(null, from, to));
        return;
      }
      const runner = app.get(ReportRunner);
      const query = { from, to, format: format as TableFormat, identified: false, recipientScope: 'external' as const };
      const total = await runner.countRows(id, from, to);
      const output = await runner.run(null, id, query);
      const count = output.rowsEncoding === 'csv' ? CSV_RECORDS : ONE_ROW_PER_CHUNK;
      await sendReport({ ...output, rows: output.rows.pipe(progressCounter(id, total, process.stderr, count)) }, query.format, file);
    });
    process.stderr.write(`wrote ${out}\n`);
  } finally {
    await app.close();
    await database.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const detail = (error as { detail?: unknown; extensions?: { errors?: unknown } }).extensions?.errors;
  process.stderr.write(`${message}${detail ? ` ${JSON.stringify(detail)}` : ''}\n`);
  process.exit(1);
});
