import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { freePort } from './support/free-port';
import { buildServer, killServers, type ServerProcess, startServer } from './support/server-process';
import { removeTempDirs, tempDir } from './support/temp-dir';

/** The README's "first walk through the API", exactly as written, against a started server with the demo data. */
function walkthroughScript(): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## A first walk through the API'), readme.indexOf('\n## ', readme.indexOf('## A first walk') + 3));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.join('\n');
}

describe("the README's first walk through the API", () => {
  jest.setTimeout(300_000);
  let server: ServerProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildServer();
    env = { DATA_DIR: tempDir('walkthrough-'), EMBEDDED_PG_PORT: String(await freePort()) };
    server = await startServer(env);
    execFileSync(process.execPath, ['dist/src/seed/seed-demo.js'], {
      env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 120_000,
    });
  });
  afterAll(async () => {
    if (server?.process.exitCode === null) await server.stop('SIGTERM');
    killServers();
    removeTempDirs();
  });

  const patientTotal = async () => {
    const http = request(`http://127.0.0.1:${server?.port ?? 0}`);
    const login = await http.post('/api/v1/auth/login').send({ email: 'demo-admin@example.org', password: 'demo-password-admin' }).expect(200);
    const list = await http.get('/api/v1/patients').auth(login.body.accessToken, { type: 'bearer' }).expect(200);
    return list.body.total as number;
  };

  it('has shell blocks covering the clinician, case manager, calendar and admin report steps', () => {
    const script = walkthroughScript();
    expect(script).toMatch(/\/vitals/);
    expect(script).toMatch(/\/sessions"/);
    expect(script).toMatch(/calendar\.ics/);
    expect(script).toMatch(/\/reports\/census\?.*format=csv/);
    expect(script).not.toMatch(/PATIENT_ID"?\s*-H|\/patients\/PATIENT_ID/); // ids are captured, never placeholders
  });

  it('runs verbatim with bash -eu, twice, without registering a patient again', async () => {
    const workDir = tempDir('walkthrough-run-');
    const file = path.join(workDir, 'walkthrough.sh');
    writeFileSync(file, walkthroughScript());
    const before = await patientTotal();
    for (let run = 1; run <= 2; run += 1) {
      const out = execFileSync('bash', ['-eu', '-o', 'pipefail', file], {
        cwd: workDir, env: { PATH: process.env.PATH ?? '', HOME: workDir, API: `http://127.0.0.1:${server?.port ?? 0}` },
        encoding: 'utf8', timeout: 60_000,
      });
      // The NEWS2 total of the logged vitals, the booked session's UID found in the downloaded calendar,
      // then the census CSV's last aftercare row: the four demo aftercare patients, a small count shown suppressed.
      expect(out).toMatch(/^\d+\nUID:[0-9a-f-]{36}@outpatient-program\r?\n\d{4}-\d\d-\d\d,aftercare,<11\r?\n$/);
      expect(readFileSync(path.join(workDir, 'census.csv'), 'utf8')).toContain('date,phase,patients');
    }
    expect(await patientTotal()).toBe(before);
  });
});
