import { Transform } from 'node:stream';
import { SingleBar } from 'cli-progress';

/** Where progress goes: a bar on a terminal, plain lines otherwise (CI logs, pipes). */
export interface ProgressSink {
  isTTY: boolean;
  write(text: string): unknown;
}

const LINE_EVERY_MS = 2000;

/** Rows in one chunk of a row stream: one per object, or one per record end in CSV bytes. */
export type RowCount = (chunk: unknown) => number;
export const ONE_ROW_PER_CHUNK: RowCount = () => 1;
export const CSV_RECORDS: RowCount = (chunk) => {
  const bytes = chunk as Buffer;
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n += 1;
  return n;
};

/**
 * A pass-through for row streams that reports rows written of the expected
 * total, rate and ETA: a cli-progress bar on a TTY, a line every 2 s otherwise.
 */
export function progressCounter(id: string, total: number, sink: ProgressSink, count: RowCount = ONE_ROW_PER_CHUNK): Transform {
  const started = Date.now();
  let rows = 0;
  let lastLine = 0;
  const bar = sink.isTTY
    ? new SingleBar({
        stream: sink as unknown as NodeJS.WritableStream,
        format: `${id} [{bar}] {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}`,
      })
    : null;
  bar?.start(total, 0, { rate: 0 });
  const line = () => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = Math.round(rows / seconds);
    const eta = rate > 0 ? Math.ceil((total - rows) / rate) : 0;
    sink.write(`${id}: ${rows}/${total} rows, ${rate} rows/s, ETA ${eta}s\n`);
  };
  return new Transform({
    objectMode: true,
    transform(row: unknown, _encoding, done) {
      rows += count(row);
      if (bar) {
        bar.update(rows, { rate: Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001)) });
      } else if (Date.now() - lastLine >= LINE_EVERY_MS) {
        lastLine = Date.now();
        line();
      }
      done(null, row);
    },
    flush(done) {
      if (bar) bar.stop();
      else line();
      done();
    },
  });
}
