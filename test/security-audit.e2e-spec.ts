import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { EmergencyAccessExpiryJob } from '../src/patients/emergency-access-expiry.job';
import { createPatient } from './support/factories';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from './support/test-app';

interface AuditRow {
  action: string;
  outcome: string;
  user_id: string | null;
  resource_id: string | null;
  emergency_access: boolean;
  details: Record<string, unknown>;
}

/** The audit trail holds what an investigator of an account or access incident needs. */
describe('security events in the audit trail', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });
  const events = async (where: string, params: unknown[]) =>
    (await t.db.query(
      `SELECT action, outcome, user_id, resource_id, emergency_access, details FROM audit_events WHERE ${where} ORDER BY id`,
      params,
    )) as AuditRow[];

  it('records login success and each kind of failure with its reason, and the lockout', async () => {
    const user = await t.createUser('clinician');
    await login(user.email, TEST_PASSWORD).expect(200);
    await login('nobody-here@example.org', TEST_PASSWORD).expect(401);
    for (let i = 0; i < 5; i += 1) await login(user.email, 'wrong-password-123').expect(401);
    await login(user.email, TEST_PASSWORD).expect(401);
    const rows = await events(`action IN ('auth.login', 'auth.lockout') AND (user_id = $1 OR details->>'reason' = 'unknown_account')`, [user.id]);
    expect(rows.map((r) => [r.action, r.outcome, r.details.reason])).toEqual([
      ['auth.login', 'success', undefined],
      ['auth.login', 'failure', 'unknown_account'],
      ...Array.from({ length: 5 }, () => ['auth.login', 'failure', 'wrong_password']),
      ['auth.lockout', 'denied', undefined],
      ['auth.login', 'denied', 'locked'],
    ]);
  });

  it('records refresh-token reuse', async () => {
    const user = await t.createUser('case_manager');
    const { refreshToken } = (await login(user.email, TEST_PASSWORD).expect(200)).body as { refreshToken: string };
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken }).expect(200);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
    expect(await events(`action = 'auth.refresh-reuse' AND user_id = $1`, [user.id])).toEqual([
      expect.objectContaining({ outcome: 'denied', details: { familyId: expect.any(String), rotated: true } }),
    ]);
  });

  it('records password changes (refused and done), resets, role changes, deactivation and ended sessions', async () => {
    const user = await t.createUser('clinician');
    const wrong = await t.as(user).post('/api/v1/users/me/password', { currentPassword: 'not-my-password', newPassword: 'a brand new passphrase' });
    expect(wrong.status).toBe(400);
    await t.as(user).post('/api/v1/users/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' }).expect(200);
    await t.as(user).get('/api/v1/users/me').expect(401); // every session ended, this one too
    await login(user.email, 'a brand new passphrase').expect(200);
    await t.as(admin).post(`/api/v1/users/${user.id}/password`, { password: 'reset by the admin today' }).expect(200);
    await t.as(admin).post(`/api/v1/users/${user.id}/role`, { role: 'case_manager' }).expect(200);
    await t.as(admin).post(`/api/v1/users/${user.id}/end-sessions`).expect(200);
    await t.as(admin).post(`/api/v1/users/${user.id}/deactivate`).expect(200);
    const rows = await events(`action LIKE 'user.%' AND resource_id = $1`, [user.id]);
    expect(rows.map((r) => [r.action, r.outcome, r.user_id === admin.id ? 'admin' : 'self'])).toEqual([
      ['user.change-password', 'denied', 'self'],
      ['user.change-password', 'success', 'self'],
      ['user.reset-password', 'success', 'admin'],
      ['user.change-role', 'success', 'admin'],
      ['user.end-sessions', 'success', 'admin'],
      ['user.deactivate', 'success', 'admin'],
    ]);
    expect(rows[0]?.details).toEqual({ reason: 'wrong_current_password' });
    expect(rows[3]?.details).toEqual({ role: 'case_manager' });
    expect(JSON.stringify(rows)).not.toMatch(/passphrase|reset by the admin/);
  });

  it('records when emergency access starts and, once, when it ends', async () => {
    const owner = await t.createUser('case_manager');
    const doctor = await t.createUser('clinician');
    const patient = await createPatient(t, owner);
    const grant = await t.as(doctor).post(`/api/v1/patients/${patient.id}/emergency-access`, { reason: 'Found unresponsive, team unreachable' }).expect(201);
    const job = t.app.get(EmergencyAccessExpiryJob);
    expect(await t.app.get(JobRunner).runNow(EmergencyAccessExpiryJob.NAME)).toBe(true);
    expect(await events(`action = 'patient.emergency-access-end' AND resource_id = $1`, [grant.body.id])).toEqual([]);
    const expired = new Date(Date.parse(grant.body.expiresAt as string) + 1000);
    await t.db.transaction(async (manager) => expect(await job.run(manager, expired)).toBe(1));
    await t.db.transaction(async (manager) => expect(await job.run(manager, expired)).toBe(0));
    const rows = await events(`action LIKE 'patient.emergency-access%' AND patient_id = $1`, [patient.id]);
    expect(rows).toEqual([
      expect.objectContaining({ action: 'patient.emergency-access', user_id: doctor.id, emergency_access: true }),
      expect.objectContaining({ action: 'patient.emergency-access-end', user_id: doctor.id, emergency_access: true, resource_id: grant.body.id }),
    ]);
  });
});
