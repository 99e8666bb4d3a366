import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

/** A new directory under .data/ (ignored by git) for one test run's files. */
const created: string[] = [];

export function tempDir(prefix: string): string {
  mkdirSync('.data', { recursive: true });
  const dir = mkdtempSync(path.resolve('.data', prefix));
  created.push(dir);
  return dir;
}

/** Removes every directory this test file made with tempDir(). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
