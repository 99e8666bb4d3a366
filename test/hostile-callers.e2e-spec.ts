import { loadConfig } from '../src/config/app-config';
import { patientInput } from './support/factories';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from './support/test-app';

const ALLOWED_ORIGIN = 'https://clinic.example.org';

/** Callers who push too hard or from the wrong place: limits, CORS, headers, passwords, ended sessions. */
describe('hostile callers', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT_PER_MINUTE: '3', EXPORT_RATE_LIMIT_PER_MINUTE: '2', CORS_ORIGINS: ALLOWED_ORIGIN });
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  describe('per-user write rate limit', () => {
    it('refuses the write over the limit with 429 and Retry-After, and writes nothing', async () => {
      const manager = await t.createUser('case_manager');
      const before = await t.count('patients');
      for (let i = 0; i < 3; i += 1) await t.as(manager).post('/api/v1/patients', patientInput()).expect(201);
      const refused = await t.as(manager).post('/api/v1/patients', patientInput());
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.body).toMatchObject({ status: 429, type: expect.stringMatching(/rate-limited$/) });
      expect(await t.count('patients')).toBe(before + 3);
    });

    it('counts each user separately and leaves reads alone', async () => {
      const first = await t.createUser('case_manager');
      const second = await t.createUser('case_manager');
      for (let i = 0; i < 3; i += 1) await t.as(first).post('/api/v1/patients', patientInput()).expect(201);
      expect((await t.as(first).post('/api/v1/patients', patientInput())).status).toBe(429);
      await t.as(first).get('/api/v1/patients').expect(200);
      await t.as(second).post('/api/v1/patients', patientInput()).expect(201);
    });
  });

  describe('per-user export rate limit', () => {
    const census = '/api/v1/reports/census?from=2025-03-01&to=2025-03-07';

    it('refuses report exports over the limit with 429 and Retry-After, and runs (audits) nothing', async () => {
      const reporter = await t.createUser('admin');
      await t.as(reporter).get(census).expect(200);
      await t.as(reporter).get('/api/v1/reports/program-summary?from=2025-03-01&to=2025-03-07').expect(200);
      const runs = await t.count('audit_events', `action = 'report.run' AND user_id = $1`, [reporter.id]);
      for (const path of [census, '/api/v1/reports/program-summary?from=2025-03-01&to=2025-03-07']) {
        const refused = await t.as(reporter).get(path);
        expect(refused.status).toBe(429);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(refused.body).toMatchObject({ status: 429, type: expect.stringMatching(/rate-limited$/) });
      }
      expect(await t.count('audit_events', `action = 'report.run' AND user_id = $1`, [reporter.id])).toBe(runs);
    });

    it('counts each user separately and leaves the report catalogue alone', async () => {
      const first = await t.createUser('admin');
      const second = await t.createUser('admin');
      for (let i = 0; i < 2; i += 1) await t.as(first).get(census).expect(200);
      expect((await t.as(first).get(census)).status).toBe(429);
      await t.as(first).get('/api/v1/reports').expect(200);
      await t.as(second).get(census).expect(200);
    });
  });

  describe('request size limits per route', () => {
    it('limits the public auth routes to 8 kB but other routes to 256 kB', async () => {
      const padding = 'x'.repeat(10_000);
      const login = await t.http().post('/api/v1/auth/login').send({ email: admin.email, password: padding });
      expect(login.status).toBe(413);
      expect(login.body.detail).toMatch(/8kb/);
      const user = await t.createUser('case_manager');
      const patient = await t.as(user).post('/api/v1/patients', patientInput({ address: padding }));
      expect(patient.status).toBe(400); // read and validated (address is at most 500 characters), not refused for size
      expect(patient.body.errors).toEqual([expect.objectContaining({ field: 'address' })]);
    });
  });

  describe('CORS allowlist', () => {
    it('is closed by default', () => {
      expect(loadConfig({ NODE_ENV: 'test' }).CORS_ORIGINS).toEqual([]);
    });

    it('answers a listed origin, including its preflight', async () => {
      const res = await t.http().get('/health').set('Origin', ALLOWED_ORIGIN);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      const preflight = await t.http().options('/api/v1/patients').set('Origin', ALLOWED_ORIGIN)
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    });

    it('gives any other origin no CORS headers', async () => {
      const res = await t.http().get('/health').set('Origin', 'https://evil.example.com');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.http().options('/api/v1/patients').set('Origin', 'https://evil.example.com')
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  it('sends the standard security headers and keeps API answers out of caches', async () => {
    const res = await t.as(admin).get('/api/v1/users/me').expect(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringMatching(/max-age=\d+/),
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  // Each test below acts as a fresh admin, so this file's low write limit (3 a minute) is not reached.
  describe('passwords per OWASP ASVS 5', () => {
    const create = async (password: string) =>
      t.as(await t.createUser('admin')).post('/api/v1/users', { email: `u-${Math.random().toString(36).slice(2)}@example.org`, displayName: 'U', role: 'clinician', password });

    it('refuses passwords under 12 characters and known breached ones, whatever their case, and stores nothing', async () => {
      const before = await t.count('users', `role = 'clinician'`);
      const hash = async () => ((await t.db.query(`SELECT password_hash FROM users WHERE id = $1`, [admin.id])) as [{ password_hash: string }])[0].password_hash;
      const adminHash = await hash();
      for (const password of ['eleven-char', 'password1234', 'QwErTy123456', '1q2w3e4r5t6y']) {
        const res = await create(password);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
      }
      const reset = await t.as(await t.createUser('admin')).post(`/api/v1/users/${admin.id}/password`, { password: 'passwordpassword' });
      expect(reset.status).toBe(400);
      expect(await t.count('users', `role = 'clinician'`)).toBe(before);
      expect(await hash()).toBe(adminHash);
    });

    it('imposes no composition rules: a lowercase passphrase is fine', async () => {
      expect((await create('purple monkey dishwasher')).status).toBe(201);
      expect((await create(TEST_PASSWORD)).status).toBe(201);
    });
  });

  it("lets an admin end all of a user's sessions: refresh tokens revoked, access tokens refused at once, audited", async () => {
    const user = await t.createUser('clinician');
    const admin = await t.createUser('admin');
    const first = (await t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200)).body;
    const second = (await t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200)).body;
    await t.http().get('/api/v1/users/me').auth(first.accessToken, { type: 'bearer' }).expect(200);
    expect((await t.as(user).post(`/api/v1/users/${user.id}/end-sessions`)).status).toBe(403);
    await t.as(admin).post(`/api/v1/users/${user.id}/end-sessions`).expect(200);
    for (const tokens of [first, second]) {
      await t.http().get('/api/v1/users/me').auth(tokens.accessToken, { type: 'bearer' }).expect(401);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
    }
    expect(await t.count('refresh_tokens', 'user_id = $1 AND revoked_at IS NULL', [user.id])).toBe(0);
    expect(await t.count('audit_events', `action = 'user.end-sessions' AND resource_id = $1 AND user_id = $2`, [user.id, admin.id])).toBe(1);
    await t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });
});
