import { LISTENER_APPLICATION_NAME } from '../src/platform/notifications/database-listener.service';
import { createPatient } from './support/factories';
import { createSecondInstance, createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from './support/test-app';

/** Polls `check` every 100 ms until it holds; the time it took, or null after `withinMs`. */
async function timeUntil(check: () => Promise<boolean>, withinMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started <= withinMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

describe('in-process caches of token users and settings across app instances', () => {
  let first: TestApp;
  let second: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    first = await createTestApp();
    second = await createSecondInstance(first);
    admin = await first.createUser('admin');
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('refuses a user deactivated on one instance on every other instance within a second', async () => {
    const clinician = await first.createUser('clinician');
    // The second instance has heard of the new user, then checked (and cached) its token.
    await second.settled();
    await second.as(clinician).get('/api/v1/users/me').expect(200);

    await first.as(admin).post(`/api/v1/users/${clinician.id}/deactivate`).expect(200);
    expect(await first.count('users', 'id = $1 AND NOT active', [clinician.id])).toBe(1);

    const refusedAfter = await timeUntil(async () => (await second.as(clinician).get('/api/v1/users/me')).status === 401, 1000);
    expect(refusedAfter).not.toBeNull();
  });

  it('applies a setting changed on one instance on every other instance within a second', async () => {
    const login = () => second.http().post('/api/v1/auth/login').send({ email: 'nobody@example.org', password: TEST_PASSWORD });
    // The second instance has read (and cached) the default limit of 30 login attempts a minute.
    expect((await login()).status).toBe(401);

    await first.as(admin).put('/api/v1/settings/auth.login-rate-limit', { value: { attemptsPerMinute: 1 } }).expect(200);

    // At most 11 attempts in a second: under the old limit of 30, only the new limit of 1 refuses them.
    const limitedAfter = await timeUntil(async () => (await login()).status === 429, 1000);
    expect(limitedAfter).not.toBeNull();
  });

  it('refuses a clinician removed from a care team at once on the instance that removed them and within a second on every other', async () => {
    const caseManager = await first.createUser('case_manager');
    const clinician = await first.createUser('clinician');
    await second.settled();
    const patient = await createPatient(first, caseManager);
    await first.as(caseManager).post(`/api/v1/patients/${patient.id}/care-team`, { userId: clinician.id }).expect(201);
    // Both instances have checked (and cached) the clinician's access.
    await first.as(clinician).get(`/api/v1/patients/${patient.id}`).expect(200);
    await second.as(clinician).get(`/api/v1/patients/${patient.id}`).expect(200);

    await first.as(caseManager).delete(`/api/v1/patients/${patient.id}/care-team/${clinician.id}`).expect(204);
    await first.as(clinician).get(`/api/v1/patients/${patient.id}`).expect(404);
    const refusedAfter = await timeUntil(async () => (await second.as(clinician).get(`/api/v1/patients/${patient.id}`)).status === 404, 1000);
    expect(refusedAfter).not.toBeNull();
  });

  it('ends cached emergency access when the grant expires or is changed behind the API', async () => {
    const clinician = await first.createUser('clinician');
    const caseManager = await first.createUser('case_manager');
    await second.settled();
    const patient = await createPatient(first, caseManager);
    await second.as(clinician).post(`/api/v1/patients/${patient.id}/emergency-access`, { reason: 'On call, patient in distress' }).expect(201);
    await second.as(clinician).get(`/api/v1/patients/${patient.id}`).expect(200);

    await first.db.query(`UPDATE emergency_access_grants SET granted_at = now() - interval '5 hours', expires_at = now() - interval '1 hour' WHERE patient_id = $1`, [patient.id]);
    const refusedAfter = await timeUntil(async () => (await second.as(clinician).get(`/api/v1/patients/${patient.id}`)).status === 404, 1000);
    expect(refusedAfter).not.toBeNull();
  });

  it('forgets cached users when the listener connection was lost, since notifications sent meanwhile are missed', async () => {
    const clinician = await first.createUser('clinician');
    await second.settled();
    await second.as(clinician).get('/api/v1/users/me').expect(200);

    const terminated = ((await first.db.query(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [LISTENER_APPLICATION_NAME],
    )) as { pid: number }[]).map((r) => r.pid);
    expect(terminated).toHaveLength(2);
    await first.db.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [terminated]);
    // Changed behind the listeners' backs: no instance is listening to hear this NOTIFY.
    await first.db.query(`UPDATE users SET active = false WHERE id = $1`, [clinician.id]);

    const listeners = () => first.count('pg_stat_activity', 'application_name = $1 AND datname = current_database() AND pid <> ALL($2)',
      [LISTENER_APPLICATION_NAME, terminated]);
    // Both instances listen again on new connections (the caches serve again) before the second one is asked.
    expect(await timeUntil(async () => (await listeners()) === 2, 5000)).not.toBeNull();
    await second.as(clinician).get('/api/v1/users/me').expect(401);
  });
});
