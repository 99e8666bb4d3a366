import { aftercareHelpers, CHECK_IN, checkInsUrl, PLAN, planUrl, today } from './support/aftercare-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

/**
 * A field that holds one object (a remission, a taper, an override, a
 * recurrence, a relapse-prevention plan, a drug screen) refuses an array with a
 * 400 naming it, instead of storing it, dropping it silently or failing on a
 * database constraint. Each refused request writes nothing. Synthetic data.
 */
describe('single-object fields refuse arrays', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  const { teamPatient, withPlan } = aftercareHelpers(() => t, () => ({ clinician, caseManager }));
  const expectObjectRefused = (res: { headers: Record<string, string>; body: { errors?: unknown[] } }, field: string) => {
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: `${field} must be an object` }]));
  };

  it('refuses arrays for clinical single objects: remission, taper, override', async () => {
    const id = await teamPatient('detox');
    const patient = `/api/v1/patients/${id}`;
    expectObjectRefused(await t.as(clinician).post(`${patient}/diagnoses`).send({ substance: 'alcohol', remission: [{ kind: 'early' }] }).expect(400), 'remission');
    expectObjectRefused(await t.as(clinician).post(`${patient}/medication-orders`).send({
      drug: 'baclofen', unit: 'mg', route: 'oral', timesOfDay: ['08:00'], startDate: today(), taper: [],
    }).expect(400), 'taper');
    expectObjectRefused(await t.as(clinician).post(`${patient}/medication-administrations`).send({
      orderId: '00000000-0000-4000-8000-000000000000', dose: 5, override: [],
    }).expect(400), 'override');
    expect(await t.count('diagnoses', 'patient_id = $1', [id])).toBe(0);
    expect(await t.count('medication_orders', 'patient_id = $1', [id])).toBe(0);
    expect(await t.count('medication_administrations', 'patient_id = $1', [id])).toBe(0);
  });

  it('refuses arrays for an aftercare plan\'s relapse prevention and a check-in\'s drug screen', async () => {
    const id = await teamPatient('aftercare');
    expectObjectRefused(await t.as(caseManager).post(planUrl(id)).send({
      ...PLAN, startDate: today(), relapsePrevention: [PLAN.relapsePrevention],
    }).expect(400), 'relapsePrevention');
    expect(await t.count('aftercare_plans', 'patient_id = $1', [id])).toBe(0);
    const planned = await withPlan(today());
    expectObjectRefused(await t.as(caseManager).post(checkInsUrl(planned.id)).send({ ...CHECK_IN, drugScreen: [] }).expect(400), 'drugScreen');
    expect(await t.count('check_ins', 'patient_id = $1', [planned.id])).toBe(0);
  });

  it('refuses an array for a session recurrence', async () => {
    const res = await t.as(caseManager).post('/api/v1/sessions').send({ kind: 'individual', recurrence: [] }).expect(400);
    expectObjectRefused(res, 'recurrence');
  });
});
