import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Cell } from '../report-rows';
import { describePeriod, plainCell } from './cell-text';
import { csvRecord, UTF8_BOM } from './csv-encoding';
import type { ReportOutput } from './report-output';

/**
 * Streams a report as CSV: the redisclosure notice first when identified, a
 * line stating the report, period and generation time, the header, the rows.
 */
export function writeCsv(output: ReportOutput, out: Writable): Promise<void> {
  const { meta } = output;
  const zone = meta.period.timeZone;
  const preamble = () =>
    UTF8_BOM +
    (meta.notice ? csvRecord([meta.notice]) : '') +
    csvRecord([describePeriod(meta)]) +
    csvRecord(meta.columns.map((c) => c.name));
  // The preamble goes out with the first record, so a report that fails before any can still answer with a problem.
  let started = false;
  const head = () => {
    const text = started ? '' : preamble();
    started = true;
    return text;
  };
  const encode = output.rowsEncoding === 'csv'
    ? new Transform({
        // Records the database already encoded: passed on as they are.
        transform(records: Buffer, _encoding, done) {
          done(null, started ? records : Buffer.concat([Buffer.from(head()), records]));
        },
        flush(done) {
          done(null, head());
        },
      })
    : new Transform({
        writableObjectMode: true,
        transform(row: Cell[], _encoding, done) {
          done(null, head() + csvRecord(row.map((cell) => plainCell(cell, zone))));
        },
        flush(done) {
          done(null, head());
        },
      });
  return pipeline(output.rows, encode, out);
}
