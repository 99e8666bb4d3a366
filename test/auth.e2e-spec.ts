import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from './support/test-app';

describe('auth', () => {
  let t: TestApp;
  let clinician: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });

  it('logs in with email and password and returns a 15-minute JWT and a refresh token', async () => {
    const res = await login(clinician.email, TEST_PASSWORD).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      tokenType: 'Bearer',
    });
    const payload = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({ sub: clinician.id, iss: 'outpatient-program', aud: 'outpatient-program-api' });
    expect(payload.exp - payload.iat).toBe(900);
    const me = await t.http().get('/api/v1/users/me').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ id: clinician.id, role: 'clinician', email: clinician.email });
    expect(me.body.passwordHash).toBeUndefined();
    expect(await t.count('audit_events', `action = 'auth.login' AND outcome = 'success' AND user_id = $1`, [clinician.id])).toBe(1);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const user = await t.createUser('case_manager');
    const unknown = await login('nobody@example.org', TEST_PASSWORD).expect(401);
    const wrong = await login(user.email, 'wrong-password-123').expect(401);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.body).toEqual(wrong.body);
    expect(await t.count('audit_events', `action = 'auth.login' AND outcome = 'failure'`)).toBeGreaterThanOrEqual(2);
  });

  it('locks the account for 15 minutes after 5 consecutive failures, and audits the lockout', async () => {
    const user = await t.createUser('clinician');
    for (let i = 0; i < 5; i += 1) await login(user.email, 'wrong-password-123').expect(401);
    await login(user.email, TEST_PASSWORD).expect(401);
    const [row] = await t.db.query(`SELECT failed_login_count, locked_until FROM users WHERE id = $1`, [user.id]);
    expect(row.failed_login_count).toBe(5);
    const minutes = (new Date(row.locked_until).getTime() - Date.now()) / 60000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(await t.count('audit_events', `action = 'auth.lockout' AND user_id = $1`, [user.id])).toBe(1);
    expect(await t.count('audit_events', `action = 'auth.login' AND user_id = $1 AND outcome = 'denied'`, [user.id])).toBe(1);
  });

  it('rotates refresh tokens: the old one stops working', async () => {
    // Presenting a rotated token ends the user's sessions: a user of its own.
    const user = await t.createUser('clinician');
    const first = (await login(user.email, TEST_PASSWORD).expect(200)).body;
    const second = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await t.http().get('/api/v1/users/me').auth(second.accessToken, { type: 'bearer' }).expect(200);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
  });

  it('revokes the whole token family when an already-rotated token is presented again', async () => {
    // Presenting a rotated token ends the user's sessions: a user of its own.
    const user = await t.createUser('clinician');
    const first = (await login(user.email, TEST_PASSWORD).expect(200)).body;
    const second = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    // The legitimate newest token is now revoked too.
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    expect(await t.count('audit_events', `action = 'auth.refresh-reuse'`)).toBeGreaterThanOrEqual(1);
  });

  it('ends the access tokens already issued when a refresh token is reused (stolen), until the user logs in again', async () => {
    const user = await t.createUser('clinician');
    const first = (await login(user.email, TEST_PASSWORD).expect(200)).body;
    const second = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    await t.http().get('/api/v1/users/me').auth(second.accessToken, { type: 'bearer' }).expect(200);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await t.http().get('/api/v1/users/me').auth(second.accessToken, { type: 'bearer' }).expect(401);
    await t.http().get('/api/v1/users/me').auth(first.accessToken, { type: 'bearer' }).expect(401);
    const [row] = await t.db.query(`SELECT token_epoch FROM users WHERE id = $1`, [user.id]);
    expect(row.token_epoch).toBe(2);
    const again = (await login(user.email, TEST_PASSWORD).expect(200)).body;
    await t.http().get('/api/v1/users/me').auth(again.accessToken, { type: 'bearer' }).expect(200);
  });

  it('logout revokes the refresh token', async () => {
    const pair = (await login(clinician.email, TEST_PASSWORD).expect(200)).body;
    await t.http().post('/api/v1/auth/logout').send({ refreshToken: pair.refreshToken }).expect(204);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
  });

  it('logout ends the access tokens of that login at once, and only of that login', async () => {
    const user = await t.createUser('clinician');
    const me = (token: string) => t.http().get('/api/v1/users/me').auth(token, { type: 'bearer' });
    const laptop = (await login(user.email, TEST_PASSWORD).expect(200)).body;
    const phone = (await login(user.email, TEST_PASSWORD).expect(200)).body;
    await me(laptop.accessToken).expect(200);
    // The access token from a refresh of the same login ends with it too.
    const refreshed = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: laptop.refreshToken }).expect(200)).body;
    await me(refreshed.accessToken).expect(200);
    await t.http().post('/api/v1/auth/logout').send({ refreshToken: refreshed.refreshToken }).expect(204);
    const refused = await me(laptop.accessToken).expect(401);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    await me(refreshed.accessToken).expect(401);
    await me(phone.accessToken).expect(200);
    expect(await t.count('refresh_tokens', 'user_id = $1 AND revoked_at IS NULL', [user.id])).toBe(1);
  });

  it('refuses tokens signed with another algorithm, secret, issuer or audience', async () => {
    const [header, body] = clinician.token.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${body}.`;
    await t.http().get('/api/v1/users/me').auth(none, { type: 'bearer' }).expect(401);
    await t.http().get('/api/v1/users/me').auth(`${header}.${body}.forged`, { type: 'bearer' }).expect(401);
    const jwt = t.app.get((await import('@nestjs/jwt')).JwtService);
    const otherAudience = await jwt.signAsync({ sub: clinician.id, role: 'clinician', epoch: 1 }, { audience: 'elsewhere' });
    await t.http().get('/api/v1/users/me').auth(otherAudience, { type: 'bearer' }).expect(401);
  });

  it('stops a deactivated user\'s existing token on the next request', async () => {
    const admin = await t.createUser('admin');
    const user = await t.createUser('case_manager');
    await t.as(user).get('/api/v1/users/me').expect(200);
    await t.as(admin).post(`/api/v1/users/${user.id}/deactivate`).expect(200);
    await t.as(user).get('/api/v1/users/me').expect(401);
    await login(user.email, TEST_PASSWORD).expect(401);
  });

  it('stops tokens issued before a role change', async () => {
    const admin = await t.createUser('admin');
    const user = await t.createUser('case_manager');
    const res = await t.as(admin).post(`/api/v1/users/${user.id}/role`)
      .send({ role: 'clinician' }).expect(200);
    expect(res.body.role).toBe('clinician');
    await t.as(user).get('/api/v1/users/me').expect(401);
    const fresh = (await login(user.email, TEST_PASSWORD).expect(200)).body;
    const me = await t.http().get('/api/v1/users/me').auth(fresh.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body.role).toBe('clinician');
  });

  it('lets only admins manage users, and validates new passwords (12-128 characters)', async () => {
    const admin = await t.createUser('admin');
    await t.as(clinician).post('/api/v1/users')
      .send({ email: 'x@example.org', displayName: 'X', role: 'clinician', password: 'long-enough-password' }).expect(403);
    const short = await t.as(admin).post('/api/v1/users')
      .send({ email: 'y@example.org', displayName: 'Y', role: 'clinician', password: 'short' }).expect(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    expect(await t.count('users', `email IN ('x@example.org', 'y@example.org')`)).toBe(0);
    const created = await t.as(admin).post('/api/v1/users')
      .send({ email: 'z@example.org', displayName: 'Z', role: 'clinician', password: 'long-enough-password' }).expect(201);
    expect(created.body).toMatchObject({ email: 'z@example.org', role: 'clinician', active: true });
    const [row] = await t.db.query(`SELECT password_hash FROM users WHERE email = 'z@example.org'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('lists active clinicians and case managers in a directory, without emails', async () => {
    const res = await t.as(clinician).get('/api/v1/users/directory').expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((u: { role: string }) => u.role === 'clinician' || u.role === 'case_manager')).toBe(true);
    expect(res.body[0]).toEqual({ id: expect.any(String), displayName: expect.any(String), role: expect.any(String) });
  });

  it('rate-limits logins per client address', async () => {
    await t.db.query(`INSERT INTO settings (key, value) VALUES ('auth.login-rate-limit', '{"attemptsPerMinute": 3}')
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
    await t.settled();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await login('nobody@example.org', 'whatever-password')).status);
    expect(statuses).toContain(429);
    await t.db.query(`DELETE FROM settings WHERE key = 'auth.login-rate-limit'`);
    await t.settled();
  });
});
