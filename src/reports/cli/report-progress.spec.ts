import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { progressCounter } from './report-progress';

describe('progressCounter', () => {
  it('passes rows through and writes plain progress lines when the sink is not a terminal', async () => {
    const lines: string[] = [];
    const passed: unknown[] = [];
    await pipeline(
      Readable.from([['a'], ['b'], ['c']]),
      progressCounter('census', 3, { isTTY: false, write: (text: string) => lines.push(text) }),
      async (rows: AsyncIterable<unknown>) => {
        for await (const row of rows) passed.push(row);
      },
    );
    expect(passed).toEqual([['a'], ['b'], ['c']]);
    expect(lines[0]).toMatch(/^census: 1\/3 rows, \d+ rows\/s, ETA \d+s\n$/);
    expect(lines.at(-1)).toMatch(/^census: 3\/3 rows, \d+ rows\/s, ETA 0s\n$/);
  });
});
