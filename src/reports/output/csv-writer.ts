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
  let started = false;
  const encode = new Transform({
    writableObjectMode: true,
    transform(row: Cell[], _encoding, done) {
      const head = started ? '' : preamble();
      started = true;
      done(null, head + csvRecord(row.map((cell) => plainCell(cell, zone))));
    },
    flush(done) {
      done(null, started ? '' : preamble());
    },
  });
  const preamble = () =>
    UTF8_BOM +
    (meta.notice ? csvRecord([meta.notice]) : '') +
    csvRecord([describePeriod(meta)]) +
    csvRecord(meta.columns.map((c) => c.name));
  return pipeline(output.rows, encode, out);
}
