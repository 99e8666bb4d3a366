import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { detoxPatient, highNews2Vitals, normalVitals, startEpisode } from './support/detox-fixtures';

/**
 * The flowsheet's JSON is built by PostgreSQL (one statement with its audit
 * event); it must be exactly what the JavaScript answers of the same records
 * say: the POST of each set and the observations list.
 */
describe('flowsheet answer built in the database', () => {
  let t: TestApp;
  let clinician: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const vitalsUrl = (id: string) => `/api/v1/patients/${id}/vitals`;
  const observationsUrl = (id: string) => `/api/v1/patients/${id}/observations`;
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

  async function patientInEpisode(): Promise<string> {
    const patient = await detoxPatient(t, clinician, { givenName: 'Rowan', familyName: 'Flowsample' });
    await startEpisode(t, clinician, patient.id, { startedAt: new Date(Date.now() - 48 * 3600_000).toISOString() });
    return patient.id;
  }

  it('equals the recorded sets and the observations list, field for field, and audits what it sent', async () => {
    const patientId = await patientInEpisode();
    const bodies = [
      normalVitals(50, { temperatureC: 37 }),
      highNews2Vitals(40),
      // A partial set: absent measurements are null and NEWS2 is incomplete.
      { takenAt: minutesAgo(30), heartRate: 88, temperatureC: 36.6 },
      normalVitals(20, { spo2: 91 }),
    ];
    const recorded = [];
    for (const body of bodies) {
      const res = await t.as(clinician).post(vitalsUrl(patientId), body).expect(201);
      const { alerts: _alerts, ...reading } = res.body as Record<string, unknown>;
      recorded.push(reading);
    }
    const hostileNote = 'said "stop" \\ then\nleft\ttab \u0001 ünïcødé 🚑 </script>';
    await t.as(clinician).post(observationsUrl(patientId), {
      observedAt: minutesAgo(35),
      signs: [{ sign: 'tremor', present: true, severity: 'moderate', note: hostileNote }, { sign: 'insomnia', present: false }],
    }).expect(201);
    await t.as(clinician).post(observationsUrl(patientId), { observedAt: minutesAgo(25), signs: [{ sign: 'agitation', present: true }] }).expect(201);
    const observed = await t.as(clinician).get(observationsUrl(patientId)).expect(200);

    const res = await t.as(clinician).get(vitalsUrl(patientId)).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ items: recorded, total: 4, limit: 20, offset: 0, observations: observed.body.items });
    expect(res.body.items[2]).toMatchObject({ systolicBp: null, consciousness: null, news2: { complete: false, total: null } });
    expect(res.body.observations[0].signs).toEqual([
      { sign: 'insomnia', present: false, severity: null, note: null },
      { sign: 'tremor', present: true, severity: 'moderate', note: hostileNote },
    ]);

    const [event] = (await t.db.query(
      `SELECT user_id, patient_id, outcome, details FROM audit_events WHERE action = 'vitals.read' AND patient_id = $1`,
      [patientId],
    )) as { user_id: string; patient_id: string; outcome: string; details: Record<string, unknown> }[];
    expect(event).toEqual({ user_id: clinician.id, patient_id: patientId, outcome: 'success', details: { count: 4, observations: 2 } });
  });

  it('pages the sets, still sends the period\'s observations past the last page, and counts what each page sent', async () => {
    const patientId = await patientInEpisode();
    for (const m of [30, 20, 10]) await t.as(clinician).post(vitalsUrl(patientId), normalVitals(m, { heartRate: 60 + m })).expect(201);
    await t.as(clinician).post(observationsUrl(patientId), { observedAt: minutesAgo(15), signs: [{ sign: 'anxiety', present: true }] }).expect(201);

    const second = await t.as(clinician).get(vitalsUrl(patientId)).query({ limit: 2, offset: 2 }).expect(200);
    expect(second.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(second.body.items.map((v: { heartRate: number }) => v.heartRate)).toEqual([70]);
    const past = await t.as(clinician).get(vitalsUrl(patientId)).query({ limit: 2, offset: 5 }).expect(200);
    expect(past.body).toMatchObject({ items: [], total: 3, limit: 2, offset: 5 });
    expect(past.body.observations).toHaveLength(1);
    const empty = await t.as(clinician).get(vitalsUrl(patientId)).query({ to: minutesAgo(60) }).expect(200);
    expect(empty.body).toEqual({ items: [], total: 0, limit: 20, offset: 0, observations: [] });

    const details = (await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'vitals.read' AND patient_id = $1 ORDER BY id`, [patientId],
    )) as { details: unknown }[];
    expect(details.map((d) => d.details)).toEqual([
      { count: 1, observations: 1 }, { count: 0, observations: 1 }, { count: 0, observations: 0 },
    ]);
  });

  it('writes no read event when the flowsheet is refused', async () => {
    const patientId = await patientInEpisode();
    const outsider = await t.createUser('clinician');
    await t.as(outsider).get(vitalsUrl(patientId)).expect(404);
    await t.as(clinician).get(vitalsUrl(patientId)).query({ limit: 0 }).expect(400);
    expect(await t.count('audit_events', `action = 'vitals.read' AND patient_id = $1`, [patientId])).toBe(0);
  });
});
