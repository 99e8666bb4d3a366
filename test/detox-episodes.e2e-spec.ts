import { createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { detoxPatient, startEpisode } from './support/detox-fixtures';

describe('detox episodes', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  const episodes = (patientId: string) => `/api/v1/patients/${patientId}/detox-episodes`;

  it('starts an episode for a patient in the detox phase and audits it', async () => {
    const patient = await detoxPatient(t, clinician);
    const res = await t.as(clinician).post(episodes(patient.id))
      .send({ substances: ['Alcohol', 'baclofen'], expectedLengthDays: 7, setting: 'ambulatory' }).expect(201);
    expect(res.body).toMatchObject({
      patientId: patient.id, substances: ['alcohol', 'baclofen'], expectedLengthDays: 7, setting: 'ambulatory',
      status: 'open', startedBy: clinician.id, endedAt: null, outcome: null,
    });
    expect(await t.count('detox_episodes', 'patient_id = $1 AND ended_at IS NULL', [patient.id])).toBe(1);
    expect(await t.count('audit_events', `action = 'detox-episode.start' AND resource_id = $1 AND patient_id = $2`,
      [res.body.id, patient.id])).toBe(1);
  });

  it('refuses to start an episode outside the detox phase (409) and writes nothing', async () => {
    const patient = await createPatient(t, clinician);
    const res = await t.as(clinician).post(episodes(patient.id))
      .send({ substances: ['opioids'], expectedLengthDays: 5, setting: 'ambulatory' }).expect(409);
    expect(res.body).toMatchObject({ type: 'https://outpatient-program.example/problems/gate-not-met', status: 409, phase: 'screening' });
    expect(await t.count('detox_episodes', 'patient_id = $1', [patient.id])).toBe(0);
  });

  it('allows at most one open episode per patient, even when two starts race', async () => {
    const patient = await detoxPatient(t, clinician);
    const body = { substances: ['alcohol'], expectedLengthDays: 7, setting: 'ambulatory' };
    const results = await Promise.all([1, 2, 3].map(() => t.as(clinician).post(episodes(patient.id)).send(body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    // Whichever start lost, the client reads the rule from the problem type, not from the detail text.
    for (const lost of results.filter((r) => r.status === 409)) expect(lost.body.type).toBe('https://outpatient-program.example/problems/episode-already-open');
    expect(await t.count('detox_episodes', 'patient_id = $1', [patient.id])).toBe(1);
    await t.as(clinician).post(episodes(patient.id)).send(body).expect(409);
    // The database itself refuses a second open episode.
    await expect(t.db.query(
      `INSERT INTO detox_episodes (patient_id, substances, expected_length_days, setting, started_at, started_by)
       VALUES ($1, '{alcohol}', 3, 'ambulatory', now() - interval '1 day', $2)`,
      [patient.id, clinician.id],
    )).rejects.toThrow();
  });

  it('ends an episode once with an outcome, after which a new one may start', async () => {
    const patient = await detoxPatient(t, clinician);
    const episode = await startEpisode(t, clinician, patient.id, { startedAt: new Date(Date.now() - 3600_000).toISOString() });
    const ended = await t.as(clinician).post(`${episodes(patient.id)}/${episode.id}/end`)
      .send({ outcome: 'completed', note: 'Tolerated taper well.' }).expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', outcome: 'completed', endedBy: clinician.id, endNote: 'Tolerated taper well.' });
    const again = await t.as(clinician).post(`${episodes(patient.id)}/${episode.id}/end`)
      .send({ outcome: 'other' }).expect(409);
    expect(again.body.outcome).toBe('completed');
    const [row] = await t.db.query(`SELECT outcome FROM detox_episodes WHERE id = $1`, [episode.id]);
    expect(row.outcome).toBe('completed');
    await startEpisode(t, clinician, patient.id);
    const list = await t.as(clinician).get(episodes(patient.id)).expect(200);
    expect(list.body.map((e: { status: string }) => e.status)).toEqual(['open', 'ended']);
  });

  it('validates the outcome and the end time', async () => {
    const patient = await detoxPatient(t, clinician);
    const episode = await startEpisode(t, clinician, patient.id);
    const bad = await t.as(clinician).post(`${episodes(patient.id)}/${episode.id}/end`)
      .send({ outcome: 'cured' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'outcome' })]);
    const before = await t.as(clinician).post(`${episodes(patient.id)}/${episode.id}/end`)
      .send({ outcome: 'completed', endedAt: '2020-01-01T00:00:00Z' }).expect(400);
    expect(before.body.errors).toEqual([expect.objectContaining({ field: 'endedAt' })]);
    expect(await t.count('detox_episodes', 'id = $1 AND ended_at IS NULL', [episode.id])).toBe(1);
  });

  it('keeps the patient in detox while an episode is open (phase gate)', async () => {
    const patient = await detoxPatient(t, clinician);
    const episode = await startEpisode(t, clinician, patient.id);
    const refused = await t.as(clinician).post(`/api/v1/patients/${patient.id}/phase`)
      .send({ to: 'outpatient', reason: 'detox complete' });
    expect(refused.status).toBe(409);
    expect(refused.body.gate).toBe('detox-episode-ended');
    const [row] = await t.db.query(`SELECT phase FROM patients WHERE id = $1`, [patient.id]);
    expect(row.phase).toBe('detox');
    await t.as(clinician).post(`${episodes(patient.id)}/${episode.id}/end`).send({ outcome: 'completed' }).expect(200);
    const after = await t.as(clinician).post(`/api/v1/patients/${patient.id}/phase`)
      .send({ to: 'outpatient', reason: 'detox complete' });
    expect(after.body.gate).not.toBe('detox-episode-ended');
  });

  it('lets case managers read episodes but not start or end them; admins have no access', async () => {
    const patient = await detoxPatient(t, clinician);
    await t.db.query(`INSERT INTO care_team_members (patient_id, user_id) VALUES ($1, $2)`, [patient.id, caseManager.id]);
    const episode = await startEpisode(t, clinician, patient.id);
    const read = await t.as(caseManager).get(episodes(patient.id)).expect(200);
    expect(read.body).toHaveLength(1);
    await t.as(caseManager).get(`${episodes(patient.id)}/${episode.id}`).expect(200);
    await t.as(caseManager).post(`${episodes(patient.id)}/${episode.id}/end`).send({ outcome: 'other' }).expect(403);
    await t.as(caseManager).post(episodes(patient.id))
      .send({ substances: ['alcohol'], expectedLengthDays: 7, setting: 'ambulatory' }).expect(403);
    await t.as(admin).get(episodes(patient.id)).expect(403);
    expect(await t.count('detox_episodes', 'patient_id = $1', [patient.id])).toBe(1);
  });

  it('hides patients outside the care team (404) and writes nothing', async () => {
    const patient = await detoxPatient(t, clinician);
    const outsider = await t.createUser('clinician');
    await t.as(outsider).post(episodes(patient.id))
      .send({ substances: ['alcohol'], expectedLengthDays: 7, setting: 'ambulatory' }).expect(404);
    await t.as(outsider).get(episodes(patient.id)).expect(404);
    expect(await t.count('detox_episodes', 'patient_id = $1', [patient.id])).toBe(0);
    expect(await t.count('audit_events', `user_id = $1 AND outcome = 'denied'`, [outsider.id])).toBe(2);
  });
});
