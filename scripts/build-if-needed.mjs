// Builds dist/ when it is missing or older than any source file, so
// `npm start` works on a fresh clone right after `npm install`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const entry = 'dist/src/main.js';

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, name.name);
    const time = name.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

const sources = ['src', 'migrations', 'bench'].filter((d) => existsSync(d));
const stale = !existsSync(entry) || sources.some((d) => newestMtime(d) > statSync(entry).mtimeMs);
if (stale) {
  process.stdout.write('Building (dist/ is missing or out of date)...\n');
  execFileSync(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build'], { stdio: 'inherit' });
}
