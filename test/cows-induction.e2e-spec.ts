import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { detoxPatient, startEpisode } from './support/detox-fixtures';

const HOUR = 3_600_000;
const MILD_COWS = [1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0]; // total 6

/** DOMAIN.md: COWS is reassessed at least every 4 hours during induction, whatever the band. */
describe('COWS reassessment during opioid induction', () => {
  let t: TestApp;
  let clinician: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const orderStartingDaysAgo = (patientId: string, drug: string, days: number) => t.db.query(
    `INSERT INTO medication_orders (patient_id, drug, drug_key, dose, unit, route, schedule_type, start_date,
       max_dose_per_24h, max_dose_source, ordered_by)
     VALUES ($1, $2, lower($2), 8, 'mg', 'sublingual', 'as_needed', (now() AT TIME ZONE 'America/New_York')::date - $3::int,
       24, 'ordered', $4)`,
    [patientId, drug, days, clinician.id],
  );
  const assess = async (patientId: string) => {
    const res = await t.as(clinician).post(`/api/v1/patients/${patientId}/withdrawal-assessments`)
      .send({ scale: 'COWS', answers: MILD_COWS }).expect(201);
    expect(res.body.band).toBe('mild');
    return Date.parse(res.body.nextDueAt) - Date.parse(res.body.assessedAt);
  };

  it('brings a mild COWS forward to 4 hours while a buprenorphine order is in its first days', async () => {
    const patient = await detoxPatient(t, clinician);
    await startEpisode(t, clinician, patient.id, { substances: ['opioids'] });
    await orderStartingDaysAgo(patient.id, 'Buprenorphine', 1);
    expect(await assess(patient.id)).toBe(4 * HOUR);
  });

  it('keeps 8 hours for a mild COWS once induction is over, or without an agonist order', async () => {
    const settled = await detoxPatient(t, clinician);
    await startEpisode(t, clinician, settled.id, { substances: ['opioids'] });
    await orderStartingDaysAgo(settled.id, 'Methadone', 10);
    expect(await assess(settled.id)).toBe(8 * HOUR);
    const none = await detoxPatient(t, clinician);
    await startEpisode(t, clinician, none.id, { substances: ['opioids'] });
    expect(await assess(none.id)).toBe(8 * HOUR);
  });
});
