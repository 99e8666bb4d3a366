import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from '../startup/startup-error';

/**
 * PostgreSQL keeps `postmaster.pid` in its data directory while it runs; its
 * first line is the server's pid. A live pid there means another server (most
 * likely another `npm start`) owns the directory.
 */
export function assertDataDirFree(databaseDir: string): void {
  const lockFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale: PostgreSQL removes it itself
  throw new StartupError(
    `The data directory ${databaseDir} is in use by another PostgreSQL server (pid ${pid}), ` +
      'probably another instance of this application. Stop that instance (Ctrl-C in its terminal, or ' +
      `kill ${pid}), or set DATA_DIR to another directory.`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (e.g. `postgres` when started as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
