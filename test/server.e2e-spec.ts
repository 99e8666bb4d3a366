import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { serverUrl, withClient, withDatabase } from './support/database';
import { freePort } from './support/free-port';
import { buildServer, killServers, runToExit, startServer, waitFor } from './support/server-process';
import { startTcpProxy } from './support/tcp-proxy';
import { removeTempDirs, tempDir } from './support/temp-dir';

describe('the server as a new user starts it', () => {
  jest.setTimeout(240_000);

  beforeAll(() => buildServer());
  afterAll(() => {
    killServers();
    removeTempDirs();
  });

  it('starts the embedded database, creates the first admin once, stops cleanly and reuses the data', async () => {
    const dataDir = tempDir('quickstart-');
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };

    const first = await startServer(env, { command: 'npm start' });
    const password = /Generated password \(shown once\): (\S+)/.exec(first.output())?.[1];
    expect(password).toBeDefined();
    const http = () => request(`http://127.0.0.1:${first.port}`);
    const health = await http().get('/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', database: 'up', uptimeSeconds: expect.any(Number) });
    const login = await http().post('/api/v1/auth/login').send({ email: 'admin@example.org', password }).expect(200);
    const docs = await http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/patients', '/api/v1/auth/login', '/health']));
    // Request and response schemas and the roles of each route are in the document.
    const readPatient = docs.body.paths['/api/v1/patients/{id}'].get;
    expect(readPatient['x-roles']).toEqual(['admin', 'clinician', 'case_manager']);
    expect(readPatient.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/PatientResponse');
    expect(docs.body.components.schemas.CreatePatientDto.properties.givenName).toBeDefined();
    expect(docs.body.components.schemas.PatientResponse.properties.mrn).toBeDefined();
    // The contract is committed: any API change shows up in review (npm run openapi:update regenerates it).
    const served = `${JSON.stringify(docs.body, null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync('openapi.json', served);
    expect(served).toBe(readFileSync('openapi.json', 'utf8'));
    await http().get('/docs/').expect(200);

    // Synthetic demo data goes into the running server's embedded database.
    const seeded = execFileSync('npm', ['run', '--silent', 'seed:demo'], {
      env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000,
    });
    expect(seeded).toMatch(/clinician@example\.org \/ demo-password-clinician/);
    const clinician = await http().post('/api/v1/auth/login')
      .send({ email: 'clinician@example.org', password: 'demo-password-clinician' }).expect(200);
    const patients = await http().get('/api/v1/patients').auth(clinician.body.accessToken, { type: 'bearer' }).expect(200);
    expect(patients.body.total).toBe(8); // the demo clinician's care-team patients
    await http().post('/api/v1/patients/search').send({ name: 'Specimen' }).auth(clinician.body.accessToken, { type: 'bearer' }).expect(200);

    // At the default LOG_LEVEL the seal job logs each checkpoint as an outside anchor (sequence and hash only),
    // and audit:verify, given that anchor, checks the running server's chain reaches it.
    await waitFor(() => /"msg":"audit chain checkpoint"/.test(first.output()), 30_000);
    const checkpointLine = first.output().split('\n').find((l) => l.includes('"msg":"audit chain checkpoint"')) as string;
    const logged = JSON.parse(checkpointLine) as Record<string, unknown>;
    expect(logged).toMatchObject({ level: 30, auditAnchor: expect.stringMatching(/^\d+:[0-9a-f]{64}$/) });
    expect(Object.keys(logged).sort()).toEqual(['auditAnchor', 'context', 'hostname', 'level', 'msg', 'pid', 'time']);
    const verified = execFileSync('npm', ['run', '--silent', 'audit:verify', '--', '--anchor', logged.auditAnchor as string], {
      env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000,
    });
    expect(verified).toMatch(new RegExp(`^Audit trail intact: \\d+ sealed events verified; outside anchor ${(logged.auditAnchor as string).split(':')[0]} matches\\.`));

    // An open alert stream must not keep the server from shutting down.
    const stream = http().get('/api/v1/alerts/stream').auth(clinician.body.accessToken, { type: 'bearer' })
      .buffer(false).then(() => undefined, () => undefined);
    await new Promise((r) => setTimeout(r, 300));
    // npm passes Ctrl-C on and ends by the signal itself; the server inside must shut down cleanly.
    const npmExit = await first.stop('SIGINT');
    expect(npmExit === 0 || npmExit === null).toBe(true);
    await stream;
    await waitFor(() => /"msg":"stopped \(SIGINT\)"/.test(first.output()), 20_000);
    expect(first.output()).not.toMatch(/Startup failed|unhandled|ERROR/i);
    // A clean stop is one line: no PostgreSQL shutdown warnings, no alert-listener reconnect.
    const afterListening = first.output().slice(first.output().indexOf('listening on'));
    expect(afterListening.split('\n').filter((l) => l.startsWith('{') && !/request completed|audit chain checkpoint/.test(l)))
      .toEqual([expect.stringContaining('"msg":"stopped (SIGINT)"')]);
    expect(afterListening).not.toMatch(/"level":[456]0/);
    // Each request is logged once, /health (outside the API prefix) included.
    expect(first.output().match(/"path":"\/health"/g)).toHaveLength(1);
    // JSON logs only (besides the one-time password banner), and no patient names in them.
    const logLines = first.output().split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(3);
    for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    expect(first.output()).not.toMatch(/Specimen|Casey/);
    expect(first.output()).toMatch(/"requestId"|"reqId"|"req":\{"id"/);

    const second = await startServer(env);
    expect(second.output()).not.toMatch(/First admin account created/);
    await request(`http://127.0.0.1:${second.port}`).post('/api/v1/auth/login')
      .send({ email: 'admin@example.org', password }).expect(200);
    expect(login.body.accessToken).toEqual(expect.any(String));
    expect(await second.stop('SIGTERM')).toBe(0);
  });

  it('runs the same migrations against an external server given by DATABASE_URL', async () => {
    const name = `opp_external_${randomBytes(4).toString('hex')}`;
    await withClient(serverUrl(), (c) => c.query(`CREATE DATABASE ${name}`));
    try {
      const server = await startServer({
        DATABASE_URL: withDatabase(serverUrl(), name),
        DATA_DIR: tempDir('external-'),
        ADMIN_EMAIL: 'first-admin@example.org',
        ADMIN_PASSWORD: 'a-long-enough-admin-password',
      });
      const http = request(`http://127.0.0.1:${server.port}`);
      await http.get('/health').expect(200);
      await http.post('/api/v1/auth/login')
        .send({ email: 'first-admin@example.org', password: 'a-long-enough-admin-password' }).expect(200);
      expect(await server.stop()).toBe(0);
      const tables = await withClient(withDatabase(serverUrl(), name), (c) =>
        c.query(`SELECT count(*)::int AS n FROM schema_migrations`));
      expect(tables.rows[0].n).toBeGreaterThan(0);
    } finally {
      await withClient(serverUrl(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });

  it('reports the database down (503) during an outage and recovers without a restart', async () => {
    const name = `opp_outage_${randomBytes(4).toString('hex')}`;
    await withClient(serverUrl(), (c) => c.query(`CREATE DATABASE ${name}`));
    const target = new URL(serverUrl());
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(withDatabase(serverUrl(), name));
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    try {
      const server = await startServer({ DATABASE_URL: viaProxy.toString(), DATA_DIR: tempDir('outage-') });
      const http = request(`http://127.0.0.1:${server.port}`);
      await http.get('/health').expect(200);
      proxy.cut();
      const down = await http.get('/health').expect(503);
      expect(down.body).toMatchObject({ status: 'degraded', database: 'down' });
      const during = await http.post('/api/v1/auth/login').send({ email: 'a@example.org', password: 'whatever-password' });
      expect(during.status).toBe(503);
      expect(during.headers['content-type']).toMatch(/application\/problem\+json/);
      proxy.restore();
      let recovered = 0;
      for (let i = 0; i < 40 && recovered !== 200; i += 1) {
        recovered = (await http.get('/health')).status;
        if (recovered !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(recovered).toBe(200);
      expect(server.process.exitCode).toBeNull();
      expect(await server.stop()).toBe(0);
    } finally {
      await proxy.close();
      await withClient(serverUrl(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });

  it('stops at start with a message naming a bad variable', () => {
    const bad = runToExit({ PORT: 'eighty', DATA_DIR: tempDir('badconfig-') });
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/PORT/);
  });

  it('refuses to start in production without JWT_SECRET and DATABASE_URL', () => {
    const prod = runToExit({ NODE_ENV: 'production', DATA_DIR: tempDir('prod-') });
    expect(prod.code).toBe(1);
    expect(prod.output).toMatch(/JWT_SECRET/);
    expect(prod.output).toMatch(/DATABASE_URL/);
  });
});
