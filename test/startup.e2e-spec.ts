import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { freePort } from './support/free-port';
import { buildServer, killServers, runToExit, type ServerProcess, startServer } from './support/server-process';
import { removeTempDirs, tempDir } from './support/temp-dir';

/** Start-up failures a new user meets, each with a message that says what to do. */
function checkNodeVersion(version?: string): { code: number; output: string } {
  try {
    const out = execFileSync(process.execPath, ['scripts/check-node-version.mjs', ...(version ? [version] : [])], {
      encoding: 'utf8', stdio: 'pipe',
    });
    return { code: 0, output: out };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

describe('starting the server', () => {
  jest.setTimeout(240_000);
  let started: ServerProcess | undefined;
  const server = (): ServerProcess => {
    if (!started) throw new Error('the server did not start');
    return started;
  };
  let dataDir: string;
  let pgPort: number;

  beforeAll(async () => {
    buildServer();
    // The settings come from .env in the working directory; LOG_LEVEL there is wrong on purpose and the shell's wins.
    const workDir = tempDir('dotenv-');
    chmodSync(workDir, 0o755); // the embedded PostgreSQL runs as its own user when tests run as root
    dataDir = path.join(workDir, 'data');
    pgPort = await freePort();
    const port = await freePort();
    writeFileSync(path.join(workDir, '.env'),
      `PORT=${port}\nHOST=127.0.0.1\nDATA_DIR=${dataDir}\nEMBEDDED_PG_PORT=${pgPort}\nLOG_LEVEL=loud\n`);
    started = await startServer({ LOG_LEVEL: 'info' }, { cwd: workDir, port });
  });
  afterAll(async () => {
    if (started?.process.exitCode === null) await started.stop('SIGTERM');
    killServers();
    removeTempDirs();
  });

  it('refuses npm start on a Node.js older than 24, naming the version it needs', () => {
    const old = checkNodeVersion('v20.11.1');
    expect(old.code).toBe(1);
    expect(old.output).toMatch(/needs Node\.js 24 or newer/);
    expect(old.output).toMatch(/this is Node\.js v20\.11\.1/);
    expect(checkNodeVersion('24.0.0').code).toBe(0);
    expect(checkNodeVersion().code).toBe(0);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prestart).toMatch(/^node scripts\/check-node-version\.mjs && /);
  });

  it('reads .env from the working directory, lets the shell override it, and logs the address it binds', async () => {
    expect(server().output()).toMatch(new RegExp(`listening on http://127\\.0\\.0\\.1:${server().port} `));
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    await request(`http://127.0.0.1:${server().port}`).get('/health').expect(200);
  });

  it('stops on a bad variable in .env, naming it', () => {
    const workDir = tempDir('dotenv-bad-');
    writeFileSync(path.join(workDir, '.env'), 'LOG_LEVEL=loud\n');
    const bad = runToExit({}, workDir);
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/LOG_LEVEL/);
  });

  it('says which process holds the data directory instead of failing with "undefined"', async () => {
    const pid = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const second = runToExit({ DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.output).toContain(`is in use by another PostgreSQL server (pid ${pid})`);
    expect(second.output).toMatch(/Ctrl-C in its terminal, or kill \d+\), or set DATA_DIR/);
    expect(second.output).not.toMatch(/undefined|First admin account created/);
  });

  it('refuses a taken PORT before creating anything, naming the variable', () => {
    const fresh = tempDir('taken-port-');
    const second = runToExit({ DATA_DIR: fresh, PORT: String(server().port) });
    expect(second.code).toBe(1);
    expect(second.output).toMatch(new RegExp(`Port ${server().port} on 127\\.0\\.0\\.1 is already in use.*set PORT to a free port`));
    expect(second.output).not.toMatch(/First admin account created|starting embedded PostgreSQL/);
    expect(existsSync(path.join(fresh, 'pg'))).toBe(false);
  });

  it('refuses a taken EMBEDDED_PG_PORT before creating a database, naming the variable', async () => {
    const fresh = tempDir('taken-pg-port-');
    const second = runToExit({ DATA_DIR: fresh, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(pgPort) });
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/set EMBEDDED_PG_PORT to a free port/);
    expect(existsSync(path.join(fresh, 'pg'))).toBe(false);
  });
});
