import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Cell } from '../report-rows';
import { instantText, plainCell } from './cell-text';
import type { ReportOutput } from './report-output';

/** Streams a report as one JSON document whose `rows` are objects keyed by column name. */
export function writeJson(output: ReportOutput, out: Writable): Promise<void> {
  const { meta } = output;
  const zone = meta.period.timeZone;
  const head = JSON.stringify({
    report: meta.id,
    title: meta.title,
    period: meta.period,
    generatedAt: instantText(meta.generatedAt, zone),
    parameters: meta.parameters,
    columns: meta.columns,
    disclosure: meta.disclosure,
    notice: meta.notice,
  });
  let count = 0;
  const encode = new Transform({
    writableObjectMode: true,
    transform(row: Cell[], _encoding, done) {
      const object = Object.fromEntries(meta.columns.map((c, i) => [c.name, plainCell(row[i] ?? null, zone)]));
      const prefix = count === 0 ? `${head.slice(0, -1)},"rows":[` : ',';
      count += 1;
      done(null, prefix + JSON.stringify(object));
    },
    flush(done) {
      done(null, count === 0 ? `${head.slice(0, -1)},"rows":[]}` : ']}');
    },
  });
  return pipeline(output.rows, encode, out);
}
