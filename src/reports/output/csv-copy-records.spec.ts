import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { patientKey } from '../privacy/pseudonym';
import { CsvCopyRecords } from './csv-copy-records';

const A = '6f1c1d1e-0000-4000-8000-000000000001';
const B = '6f1c1d1e-0000-4000-8000-000000000002';
const SECRET = 'secret-for-the-copy-records-test';

/** Runs PostgreSQL-style CSV through the transform, cut into chunks of `size` bytes. */
async function records(copyOutput: string, size: number): Promise<{ text: string; count: number }> {
  const bytes = Buffer.from(copyOutput, 'utf8');
  const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
  const transform = new CsvCopyRecords(SECRET);
  const out = await buffer(Readable.from(chunks).pipe(transform));
  return { text: out.toString('utf8'), count: transform.records };
}

describe('CsvCopyRecords', () => {
  const input = `${A},18-24,2025-01-01T06:00:00-05:00,72,\n${B},,"a ""quoted"", field",,"two\nlines"\n${A},90+,'=1,é,\n`;
  const expected =
    `${patientKey(A, SECRET)},18-24,2025-01-01T06:00:00-05:00,72,\r\n` +
    `${patientKey(B, SECRET)},,"a ""quoted"", field",,"two\nlines"\r\n` +
    `${patientKey(A, SECRET)},90+,'=1,é,\r\n`;

  it.each([1, 2, 7, 36, 37, 38, 64, 4096])('replaces each leading patient id by its key and ends records with CRLF (chunks of %i bytes)', async (size) => {
    const { text, count } = await records(input, size);
    expect(text).toBe(expected);
    expect(count).toBe(3);
  });

  it('never lets a patient id through', async () => {
    const { text } = await records(input, 5);
    expect(text).not.toContain(A);
    expect(text).not.toContain(B);
  });

  it('keeps a line feed inside a quoted field as data', async () => {
    const { text } = await records(`${A},"x\ny\nz",1\n`, 3);
    expect(text).toBe(`${patientKey(A, SECRET)},"x\ny\nz",1\r\n`);
  });

  it('writes nothing for no rows', async () => {
    expect((await records('', 10)).text).toBe('');
  });

  it('fails when the input ends inside a record id', async () => {
    await expect(records(`${A},1\n6f1c1d1e`, 8)).rejects.toThrow(/inside a record/);
  });
});
