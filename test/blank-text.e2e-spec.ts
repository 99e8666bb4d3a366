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
    expect(res.body.errors).toEqual([{ field: 'reason', message: 'reason must not be blank' }]);
    expect(await t.count('emergency_access_grants', 'patient_id = $1', [patient.id])).toBe(0);
    await t.as(outsider).get(`/api/v1/patients/${patient.id}`).expect(404);
  });
});
