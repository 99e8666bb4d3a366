import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from './support/test-app';
import { createPatient } from './support/factories';

/** Requests sent at the same time, where a check made before a slow step or a lock must still hold. */
describe('concurrent logins, token refreshes and phase changes', () => {
  let t: TestApp;
  let admin: TestUser;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    caseManager = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  // A distinct client address per attempt keeps the per-address limit out of the lockout tests.
  const login = (email: string, password: string, address: string) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email, password });
  const auditCount = (where: string, params: unknown[]) => t.count('audit_events', where, params);

  it('verifies no more passwords than the lockout allows when guesses arrive together', async () => {
    const user = await t.createUser('clinician');
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(user.email, `wrong-password-${i}`, `198.51.100.${i + 1}`)),
    );
    expect(guesses.map((r) => r.status)).toEqual(Array(30).fill(401));
    // The default lockout (5 failures): exactly 5 passwords were checked, the other 25 refused unchecked.
    expect(await auditCount(`action = 'auth.login' AND user_id = $1 AND details->>'reason' = 'wrong_password'`, [user.id])).toBe(5);
    expect(await auditCount(`action = 'auth.login' AND user_id = $1 AND details->>'reason' = 'locked'`, [user.id])).toBe(25);
    expect(await auditCount(`action = 'auth.lockout' AND user_id = $1`, [user.id])).toBe(1);
    await login(user.email, TEST_PASSWORD, '198.51.100.200').expect(401);
    expect(await auditCount(`action = 'auth.login' AND user_id = $1 AND outcome = 'success'`, [user.id])).toBe(0);
  });

  it('keeps a lock set by guesses even when the right password was checked among them', async () => {
    const user = await t.createUser('clinician');
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(user.email, i === 0 ? TEST_PASSWORD : `wrong-password-${i}`, `203.0.113.${i + 1}`)),
    );
    const [row] = await t.db.query(`SELECT locked_until FROM users WHERE id = $1`, [user.id]);
    expect(row.locked_until).not.toBeNull();
    expect(attempts.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    await login(user.email, TEST_PASSWORD, '203.0.113.200').expect(401);
  });

  it('logs in every one of parallel attempts with the right password, and never locks the account', async () => {
    const user = await t.createUser('clinician');
    // Two earlier typos leave three of the five failures allowed: the parallel attempts must not use them up.
    await login(user.email, 'wrong-password-a', '198.18.0.1').expect(401);
    await login(user.email, 'wrong-password-b', '198.18.0.2').expect(401);
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(user.email, TEST_PASSWORD, `198.18.1.${i + 1}`)),
    );
    expect(attempts.map((r) => r.status)).toEqual(Array(12).fill(200));
    attempts.forEach((r) => expect(r.body).toEqual(expect.objectContaining({ accessToken: expect.any(String), tokenType: 'Bearer' })));
    const [row] = await t.db.query(`SELECT failed_login_count, locked_until FROM users WHERE id = $1`, [user.id]);
    expect(row).toEqual({ failed_login_count: 0, locked_until: null });
    expect(await auditCount(`action = 'auth.login' AND user_id = $1 AND outcome = 'success'`, [user.id])).toBe(12);
    expect(await auditCount(`action IN ('auth.lockout') AND user_id = $1`, [user.id])).toBe(0);
    expect(await t.count('refresh_tokens', 'user_id = $1 AND revoked_at IS NULL', [user.id])).toBe(12);
  });

  it('holds the per-address login limit for attempts in flight together', async () => {
    await t.db.query(`INSERT INTO settings (key, value) VALUES ('auth.login-rate-limit', '{"attemptsPerMinute": 5}')
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
    await t.settled();
    try {
      const address = '192.0.2.77';
      const results = await Promise.all(Array.from({ length: 20 }, () => login('nobody@example.org', 'whatever-password', address)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
      expect(results.find((r) => r.status === 429)?.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await t.count('login_attempts', 'client_address = $1', [address])).toBe(5);
      expect(await auditCount(`action = 'auth.login' AND client_address = $1`, [address])).toBe(5);
    } finally {
      await t.db.query(`DELETE FROM settings WHERE key = 'auth.login-rate-limit'`);
      await t.settled();
    }
  });

  it('ends every session even while a refresh of one of them is under way', async () => {
    for (let trial = 0; trial < 8; trial += 1) {
      const user = await t.createUser('clinician');
      const { refreshToken } = (await login(user.email, TEST_PASSWORD, `192.0.2.${trial + 1}`).expect(200)).body as {
        refreshToken: string;
      };
      const [refreshed, ended] = await Promise.all([
        t.http().post('/api/v1/auth/refresh').send({ refreshToken }),
        t.as(admin).post(`/api/v1/users/${user.id}/end-sessions`),
      ]);
      expect(ended.status).toBe(200);
      expect([200, 401]).toContain(refreshed.status);
      const live = refreshed.status === 200 ? (refreshed.body as { refreshToken: string }).refreshToken : refreshToken;
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: live }).expect(401);
      expect(await t.count('refresh_tokens', 'user_id = $1 AND revoked_at IS NULL', [user.id])).toBe(0);
    }
  });

  it('lists a patient\'s phase changes in the order they took effect', async () => {
    const patient = await createPatient(t, caseManager);
    const url = `/api/v1/patients/${patient.id}/phase`;
    const moves = Array.from({ length: 20 }, (_, i) => i % 2 === 0
      ? { to: 'discharged', reason: 'moved away', dischargeReason: 'administrative' }
      : { to: 'screening', reason: 're-referred' });
    const results = await Promise.all(moves.map((move) => t.as(caseManager).post(url, move)));
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const history = (await t.as(caseManager).get(`/api/v1/patients/${patient.id}/phase-history`).expect(200)).body as {
      fromPhase: string | null; toPhase: string;
    }[];
    expect(history.length).toBe(1 + results.filter((r) => r.status === 200).length);
    history.slice(1).forEach((change, i) => expect(change.fromPhase).toBe(history[i]?.toPhase));
  });
  it('moves a patient once when parallel moves carry the same If-Match; the others are 412 and write nothing', async () => {
    const patient = await createPatient(t, caseManager);
    const url = `/api/v1/patients/${patient.id}/phase`;
    const move = { to: 'discharged', reason: 'moved away', dischargeReason: 'administrative' };
    const results = await Promise.all(Array.from({ length: 10 }, () => t.as(caseManager).post(url, move).set('If-Match', '"1"')));
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(412)]);
    expect(await t.count('patient_phase_changes', 'patient_id = $1', [patient.id])).toBe(2);
    await t.as(caseManager).post(url, { to: 'screening', reason: 'back' }).set('If-Match', '"1"').expect(412);
    expect(await t.count('patients', `id = $1 AND phase = 'discharged'`, [patient.id])).toBe(1);
  });
});
