// Runs before anything else on `npm start`: stops with a clear message on a
// Node.js older than package.json's `engines.node`. Kept to syntax Node 20
// understands, so it can say so there. Usage: node scripts/check-node-version.mjs [version]
// (the optional version stands in for the running one, for tests).
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const required = Number(/(\d+)/.exec(pkg.engines.node)[1]);
const version = process.argv[2] || process.version;
const major = Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);

if (major < required) {
  process.stderr.write(
    `This project needs Node.js ${required} or newer (package.json engines.node "${pkg.engines.node}"), ` +
      `but this is Node.js ${version.startsWith('v') ? version : `v${version}`}.\n` +
      `Install Node.js ${required} (for example \`nvm install ${required}\`, which reads .nvmrc) and run the command again.\n`,
  );
  process.exit(1);
}
