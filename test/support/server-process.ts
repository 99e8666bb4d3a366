import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from './free-port';

/** The built server as its own process, as a new user starts it. */
export interface ServerProcess {
  process: ChildProcess;
  port: number;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const node = process.execPath;
const entry = path.resolve('dist/src/main.js');
const running = new Set<ChildProcess>();

export function buildServer(): void {
  execFileSync(node, ['scripts/build-if-needed.mjs'], { stdio: 'pipe', timeout: 180_000 });
}

/**
 * Starts the server as the README's quick start does (`npm start`), or its
 * built entry point directly, and waits for its "listening on" line. PORT is
 * a free port unless `env` sets it (or `.env` in `cwd` does, with `port`).
 */
export async function startServer(
  env: Record<string, string>,
  options: { command?: 'npm start' | 'node'; cwd?: string; port?: number } = {},
): Promise<ServerProcess> {
  const port = options.port ?? Number(env.PORT ?? (await freePort()));
  let output = '';
  const [file, args] = options.command === 'npm start' ? ['npm', ['start', '--silent']] : [node, [entry]];
  const portEnv = options.port === undefined ? { PORT: String(port) } : {};
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...portEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a signal reaches npm and the server together, as Ctrl-C in a terminal does.
    detached: true,
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  running.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (/listening on/.test(output)) break;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    process: child,
    port,
    output: () => output,
    stop: async (signal = 'SIGINT') => {
      process.kill(-(child.pid as number), signal);
      return exited;
    },
  };
}

/** Kills every server this test file started and has not stopped. */
export function killServers(): void {
  for (const child of running) process.kill(-(child.pid as number), 'SIGKILL');
}

/** Runs the server entry point until it exits (for start-up failures). */
export function runToExit(env: Record<string, string>, cwd?: string): { code: number; output: string } {
  try {
    const out = execFileSync(node, [entry], {
      cwd, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', stdio: 'pipe', timeout: 30_000,
    });
    return { code: 0, output: out };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
