import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoadResult, LoadSpec } from './load-worker';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A server process under test: its base URL, peak memory, and a clean stop. */
export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** Resets the kernel's peak-RSS counter, so the next reading covers one scenario. */
  resetPeakRss(): void;
  peakRssMiB(): number;
  stop(): Promise<void>;
}

async function waitFor(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before ${url} answered`);
    const ok = await fetch(url).then((r) => r.status < 500, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Starts `node script args` with env, waits until `readyPath` answers, and measures its memory. */
/**
 * The V8 flags `npm start` (package.json) and the Dockerfile give the server:
 * a young generation of 2 x 8 MiB instead of the 2 x 64 MiB V8 picks on a
 * large machine, which keeps 100 MiB less resident and measured faster (bench/RESULTS.md).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8'];

export async function startServer(options: {
  script: string;
  /** Flags for node itself, before the script. */
  nodeFlags?: string[];
  args?: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  readyPath: string;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), options.script, ...(options.args ?? [])], {
    env: options.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${options.port}`;
  await waitFor(`${base}${options.readyPath}`, options.timeoutMs ?? 60_000, child);
  const pid = child.pid as number;
  return {
    base,
    child,
    resetPeakRss: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    peakRssMiB: () => {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Math.round(Number(hwm?.[1] ?? 0) / 1024);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs the autocannon load worker in its own process and returns its figures. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const file = path.join(tmpdir(), `opp-bench-load-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const child = spawn(process.execPath, [path.join(__dirname, 'load-worker.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`load worker exited with ${code}`);
  return JSON.parse(out.trim()) as LoadResult;
}
