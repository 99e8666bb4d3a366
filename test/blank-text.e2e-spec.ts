import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { createPatient } from './support/factories';

/** A reason or note made only of white space is no reason: refused as a validation error, nothing written. */
describe('blank free text', () => {
  let t: TestApp;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    caseManager = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  it('refuses a phase change whose reason is only white space', async () => {
    const patient = await createPatient(t, caseManager);
    const res = await t.as(caseManager)
      .post(`/api/v1/patients/${patient.id}/phase`, { to: 'discharged', reason: ' \t\n ', dischargeReason: 'administrative' })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'reason', message: 'reason must not be blank' }]);
    expect(await t.count('patient_phase_changes', 'patient_id = $1', [patient.id])).toBe(1);
    expect((await t.as(caseManager).get(`/api/v1/patients/${patient.id}`).expect(200)).body.phase).toBe('screening');
  });

  it('refuses break-the-glass access whose reason is only white space', async () => {
    const patient = await createPatient(t, caseManager);
    const outsider = await t.createUser('clinician');
    const res = await t.as(outsider)
      .post(`/api/v1/patients/${patient.id}/emergency-access`, { reason: ' '.repeat(20) })
      .expect(400);
    expect(res.body.errors).toContainEqual({ field: 'reason', message: 'reason must not be blank' });
    expect(await t.count('emergency_access_grants', 'patient_id = $1', [patient.id])).toBe(0);
    await t.as(outsider).get(`/api/v1/patients/${patient.id}`).expect(404);
  });

  it('does not count padding toward the 10-character break-the-glass reason, and the database refuses it too', async () => {
    const patient = await createPatient(t, caseManager);
    const outsider = await t.createUser('clinician');
    const res = await t.as(outsider)
      .post(`/api/v1/patients/${patient.id}/emergency-access`, { reason: `   ${'x'.repeat(3)}${' '.repeat(10)}` })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'reason', message: 'reason must be longer than or equal to 10 characters' }]);
    expect(await t.count('emergency_access_grants', 'patient_id = $1', [patient.id])).toBe(0);
    await t.as(outsider).get(`/api/v1/patients/${patient.id}`).expect(404);
    await expect(t.db.query(
      `INSERT INTO emergency_access_grants (patient_id, user_id, reason, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')`,
      [patient.id, outsider.id, `xyz${' '.repeat(10)}`],
    )).rejects.toThrow(/emergency_access_grants_reason_check/);

    const padded = await t.as(outsider)
      .post(`/api/v1/patients/${patient.id}/emergency-access`, { reason: '  Found unresponsive in the lobby \n' })
      .expect(201);
    const [grant] = await t.db.query(`SELECT reason FROM emergency_access_grants WHERE id = $1`, [padded.body.id]);
    expect(grant.reason).toBe('Found unresponsive in the lobby');
  });
});
