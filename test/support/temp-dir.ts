import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';

/** A new directory under .data/ (ignored by git) for one test run's files. */
export function tempDir(prefix: string): string {
  mkdirSync('.data', { recursive: true });
  return mkdtempSync(path.resolve('.data', prefix));
}
