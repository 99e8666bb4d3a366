import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';

/**
 * Writes a report file so a failed run never leaves a truncated or emptied
 * file behind: the output goes to a temporary file beside it, renamed over
 * `out` only once everything was written, and removed when anything fails.
 */
export async function writeAtomically(out: string, write: (file: WriteStream) => Promise<void>): Promise<void> {
  const partial = join(dirname(out), `.${basename(out)}.${process.pid}.partial`);
  const file = createWriteStream(partial, { flags: 'wx' });
  try {
    await write(file);
    await finished(file);
    await rename(partial, out);
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
