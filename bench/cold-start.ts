import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freePort, SERVER_NODE_FLAGS, startServer } from './processes';

/**
 * Time from `node dist/src/main.js` to a healthy /health on an existing
 * embedded data directory (the first start, which initialises the cluster,
 * is not counted). Returns the median of `runs` starts in milliseconds.
 */
export async function measureColdStart(runs = 3): Promise<number> {
  const dataDir = mkdtempSync(path.resolve('.data', 'bench-cold-'));
  const { DATABASE_URL: _external, ...inherited } = process.env;
  const env = async () => ({
    ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATA_DIR: dataDir,
    PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()), ADMIN_EMAIL: 'bench-cold-admin@example.org', ADMIN_PASSWORD: 'bench-cold-start-admin-pass',
  });
  const start = async () => {
    const e = await env();
    const t0 = performance.now();
    const server = await startServer({ script: 'dist/src/main.js', nodeFlags: SERVER_NODE_FLAGS, env: e, port: Number(e.PORT), readyPath: '/health' });
    const ms = performance.now() - t0;
    await server.stop();
    return ms;
  };
  try {
    await start();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await start());
    times.sort((a, b) => a - b);
    return Math.round(times[Math.floor(times.length / 2)] as number);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
