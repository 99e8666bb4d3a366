import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAtomically } from './atomic-output';

describe('writeAtomically', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-out-'));
  });

  it('replaces the file only once everything was written', async () => {
    const out = join(dir, 'census.csv');
    await writeFile(out, 'old report');
    await writeAtomically(out, async (file) => {
      file.write('phase,patients\n');
      file.end('detox,<11\n');
    });
    expect(await readFile(out, 'utf8')).toBe('phase,patients\ndetox,<11\n');
    expect(await readdir(dir)).toEqual(['census.csv']);
  });

  it('keeps the earlier file whole and leaves nothing behind when the run fails', async () => {
    const out = join(dir, 'census.csv');
    await writeFile(out, 'old report');
    await expect(writeAtomically(out, async (file) => {
      file.write('half a');
      throw new Error('to must not be before from');
    })).rejects.toThrow('to must not be before from');
    expect(await readFile(out, 'utf8')).toBe('old report');
    expect(await readdir(dir)).toEqual(['census.csv']);
  });
});
