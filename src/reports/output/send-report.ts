import type { Writable } from 'node:stream';
import type { TableFormat } from './table-format';
import { writeCsv } from './csv-writer';
import { writeJson } from './json-writer';
import type { ReportOutput } from './report-output';
import { writeXlsx } from './xlsx-writer';

export const CONTENT_TYPES: Record<TableFormat | 'pdf', string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/**
 * Writes a report in a format to `out`. When `out` closes before the report
 * is complete (the client went away), the rows are destroyed, which ends the
 * database query; when the rows fail midway, `out` is destroyed rather than
 * ended, so a truncated export never looks complete.
 */
export async function sendReport(output: ReportOutput, format: TableFormat, out: Writable): Promise<void> {
  const abandon = () => {
    if (!out.writableFinished) output.rows.destroy();
  };
  out.once('close', abandon);
  try {
    if (format === 'csv') await writeCsv(output, out);
    else if (format === 'xlsx') await writeXlsx(output, out);
    else await writeJson(output, out);
  } catch (error) {
    output.rows.destroy();
    out.destroy(error instanceof Error ? error : new Error('report failed'));
  } finally {
    out.off('close', abandon);
  }
}
