import { createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

describe('audit trail', () => {
  let t: TestApp;
  let caseManager: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    caseManager = await t.createUser('case_manager');
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await createPatient(t, caseManager);
    const before = await t.count('audit_events');
    await expect(t.db.query(`UPDATE audit_events SET action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    expect(await t.count('audit_events')).toBe(before);
    expect(await t.count('audit_events', `action = 'tampered'`)).toBe(0);
  });

  it('records who, what, when, from where and the outcome of each patient read', async () => {
    const patient = await createPatient(t, caseManager);
    await t.as(caseManager).get(`/api/v1/patients/${patient.id}`)
      .set('X-Request-Id', 'audit-read-1').expect(200);
    const [event] = await t.db.query(`SELECT * FROM audit_events WHERE request_id = 'audit-read-1'`);
    expect(event).toMatchObject({
      user_id: caseManager.id, user_role: 'case_manager', action: 'patient.read', resource_type: 'patient',
      resource_id: patient.id, patient_id: patient.id, outcome: 'success', emergency_access: false,
      client_address: expect.stringMatching(/127\.0\.0\.1|::1/),
    });
    expect(Date.now() - new Date(event.occurred_at).getTime()).toBeLessThan(60_000);
  });

  it('never stores names or other identifiers beyond ids in event details', async () => {
    await createPatient(t, caseManager, { givenName: 'Zebulon', familyName: 'Uniquename' });
    await t.as(caseManager).post('/api/v1/patients/search').send({ name: 'Uniquename' }).expect(200);
    const rows = await t.db.query(`SELECT details::text AS d FROM audit_events`);
    expect(rows.map((r: { d: string }) => r.d).join(' ')).not.toMatch(/Zebulon|Uniquename/);
  });

  it('lets admins query events by patient, user, action and time range', async () => {
    const patient = await createPatient(t, caseManager);
    await t.as(caseManager).get(`/api/v1/patients/${patient.id}`).expect(200);
    const byPatient = await t.as(admin).get(`/api/v1/audit-events?patientId=${patient.id}`).expect(200);
    expect(byPatient.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['patient.create', 'patient.read']);
    const byAction = await t.as(admin).get(`/api/v1/audit-events?userId=${caseManager.id}&action=patient.read&from=${new Date(Date.now() - 60_000).toISOString()}`)
      .expect(200);
    expect(byAction.body.items.every((e: { action: string; userId: string }) => e.action === 'patient.read' && e.userId === caseManager.id)).toBe(true);
    const future = await t.as(admin).get(`/api/v1/audit-events?from=2999-01-01T00:00:00Z`).expect(200);
    expect(future.body.total).toBe(0);
    await t.as(caseManager).get('/api/v1/audit-events').expect(403);
  });

  it('rolls a write and its audit event back together', async () => {
    const patient = await createPatient(t, caseManager);
    const before = await t.count('audit_events', `action = 'patient.change-phase'`);
    // Discharged is the only target, and it needs a valid reason: the write fails, so no event either.
    await t.as(caseManager).post(`/api/v1/patients/${patient.id}/phase`)
      .send({ to: 'aftercare', reason: 'not allowed' }).expect(409);
    expect(await t.count('audit_events', `action = 'patient.change-phase'`)).toBe(before);
    // The attempt itself is on record, outside the rolled-back transaction.
    const [attempt] = await t.db.query(
      `SELECT user_id, outcome, details FROM audit_events WHERE patient_id = $1 AND action = 'POST /api/v1/patients/:id/phase'`,
      [patient.id],
    );
    expect(attempt).toEqual({ user_id: caseManager.id, outcome: 'denied', details: { status: 409, problem: 'invalid-transition' } });
  });
});
