import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { ciwaAnswers, detoxPatient, highNews2Vitals, normalVitals, startEpisode } from './support/detox-fixtures';

const HOUR = 3600_000;

/**
 * A reading, withdrawal assessment or observation is filed under the patient's
 * open detox episode: one timed before that episode started is not part of it,
 * so it is refused (400 on its time field), nothing is written and no alert
 * fires. Without an open episode the answer stays 422 no_open_episode.
 */
describe('detox records are not dated before their episode', () => {
  let t: TestApp;
  let clinician: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const url = (patientId: string, what: 'vitals' | 'withdrawal-assessments' | 'observations') => `/api/v1/patients/${patientId}/${what}`;

  /** A patient whose open episode started yesterday. */
  async function inEpisode(): Promise<{ id: string; startedAt: string }> {
    const patient = await detoxPatient(t, clinician);
    const episode = await startEpisode(t, clinician, patient.id, { startedAt: new Date(Date.now() - 24 * HOUR).toISOString() });
    return { id: patient.id, startedAt: episode.startedAt };
  }

  const beforeEpisode = (field: string, startedAt: string) => ({
    type: 'https://outpatient-program.example/problems/validation',
    status: 400,
    errors: [{ field, message: `must not be before the detox episode started at ${new Date(startedAt).toISOString()}` }],
  });
  const written = async (patientId: string) => ({
    vitals: await t.count('vital_signs', 'patient_id = $1', [patientId]),
    assessments: await t.count('withdrawal_assessments', 'patient_id = $1', [patientId]),
    observations: await t.count('observations', 'patient_id = $1', [patientId]),
    alerts: await t.count('alerts', 'patient_id = $1', [patientId]),
  });
  const nothing = { vitals: 0, assessments: 0, observations: 0, alerts: 0 };

  it('refuses vitals taken in 1970, or a minute before the episode, with and without an Idempotency-Key', async () => {
    const patient = await inEpisode();
    const old = await t.as(clinician).post(url(patient.id, 'vitals')).send({ takenAt: '1970-01-01T00:00:00Z', heartRate: 70 }).expect(400);
    expect(old.body).toMatchObject(beforeEpisode('takenAt', patient.startedAt));
    // A set that would raise NEWS2 alerts raises none when it is refused.
    const justBefore = { ...highNews2Vitals(), takenAt: new Date(new Date(patient.startedAt).getTime() - 60_000).toISOString() };
    await t.as(clinician).post(url(patient.id, 'vitals')).send(justBefore).expect(400);
    const keyed = await t.as(clinician).post(url(patient.id, 'vitals')).set('Idempotency-Key', 'old-reading').send(justBefore).expect(400);
    expect(keyed.body).toMatchObject(beforeEpisode('takenAt', patient.startedAt));
    expect(await t.count('idempotency_keys', `user_id = $1 AND key = 'old-reading'`, [clinician.id])).toBe(0);
    expect(await written(patient.id)).toEqual(nothing);
    expect(await t.count('audit_events', `action = 'vitals.create' AND patient_id = $1`, [patient.id])).toBe(0);

    // At the episode's start and after it, the same set is filed and alerted.
    await t.as(clinician).post(url(patient.id, 'vitals')).send({ takenAt: patient.startedAt, heartRate: 70 }).expect(201);
    const filed = await t.as(clinician).post(url(patient.id, 'vitals')).send(highNews2Vitals()).expect(201);
    expect(filed.body.alerts.map((a: { rule: string }) => a.rule)).toContain('news2_high');
  });

  it('refuses a severe CIWA-Ar dated 1970: nothing stored and no live ciwa_severe alert', async () => {
    const patient = await inEpisode();
    const old = await t.as(clinician).post(url(patient.id, 'withdrawal-assessments'))
      .send({ scale: 'CIWA-Ar', answers: ciwaAnswers(20), assessedAt: '1970-01-01T00:00:00Z' }).expect(400);
    expect(old.body).toMatchObject(beforeEpisode('assessedAt', patient.startedAt));
    expect(await written(patient.id)).toEqual(nothing);

    const now = await t.as(clinician).post(url(patient.id, 'withdrawal-assessments'))
      .send({ scale: 'CIWA-Ar', answers: ciwaAnswers(20) }).expect(201);
    expect(now.body.alerts).toEqual([expect.objectContaining({ rule: 'ciwa_severe' })]);
  });

  it('refuses an observation dated 1971: no observation, no signs, no alert', async () => {
    const patient = await inEpisode();
    const signs = [{ sign: 'seizure', present: true, severity: 'severe' }];
    const old = await t.as(clinician).post(url(patient.id, 'observations'))
      .send({ observedAt: '1971-06-01T12:00:00Z', signs }).expect(400);
    expect(old.body).toMatchObject(beforeEpisode('observedAt', patient.startedAt));
    expect(await written(patient.id)).toEqual(nothing);
    expect(await t.count('observation_signs s JOIN observations o ON o.id = s.observation_id', 'o.patient_id = $1', [patient.id])).toBe(0);

    const now = await t.as(clinician).post(url(patient.id, 'observations'))
      .send({ observedAt: new Date().toISOString(), signs }).expect(201);
    expect(now.body.alerts).toEqual([expect.objectContaining({ rule: 'observed_emergency_sign' })]);
  });

  it('still answers 422 no_open_episode when the patient has no open episode, whatever the time', async () => {
    const patient = await detoxPatient(t, clinician);
    const res = await t.as(clinician).post(url(patient.id, 'vitals')).send({ ...normalVitals(), takenAt: '1970-01-01T00:00:00Z' }).expect(422);
    expect(res.body.type).toBe('https://outpatient-program.example/problems/no-open-episode');
    await t.as(clinician).post(url(patient.id, 'withdrawal-assessments'))
      .send({ scale: 'CIWA-Ar', answers: ciwaAnswers(20), assessedAt: '1970-01-01T00:00:00Z' }).expect(422);
    await t.as(clinician).post(url(patient.id, 'observations'))
      .send({ observedAt: '1971-06-01T12:00:00Z', signs: [{ sign: 'tremor', present: true }] }).expect(422);
    expect(await written(patient.id)).toEqual(nothing);
  });
});
