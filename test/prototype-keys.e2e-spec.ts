import { ciwaAnswers, detoxPatient, normalVitals, startEpisode } from './support/detox-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * Keys named after Object.prototype members used to slip past every unknown-field check
 * (class-transformer drops a key that names an inherited method): each is now a 400
 * naming the field, in bodies, nested objects, questionnaire answers, settings values
 * and query strings, and nothing is written.
 */
describe('keys named after Object.prototype members are refused like any unknown key', () => {
  let t: TestApp;
  let clinician: TestUser;
  let admin: TestUser;
  let patientId: string;

  const BODY_KEYS = [
    'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'toLocaleString',
    'propertyIsEnumerable', 'constructor', 'prototype', '__proto__',
  ];
  const QUERY_KEYS = ['constructor', 'prototype', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    admin = await t.createUser('admin');
    patientId = (await detoxPatient(t, clinician)).id;
    await startEpisode(t, clinician, patientId);
  });
  afterAll(() => t.close());

  const expectRefused = (res: Answer, field: string) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://outpatient-program.example/problems/validation', status: 400 });
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  };
  /** JSON text with `key` added as the first member of the object at `into` (so __proto__ stays an own key). */
  const withKey = (body: Record<string, unknown>, key: string, into?: string) => {
    const text = JSON.stringify(body);
    if (!into) return text.replace('{', `{"${key}":1,`);
    return text.replace(`"${into}":{`, `"${into}":{"${key}":1,`);
  };
  const postText = (url: string, text: string) =>
    t.http().post(url).auth(clinician.token, { type: 'bearer' }).set('Content-Type', 'application/json').send(text);

  it.each(BODY_KEYS)('refuses a vitals POST with a top-level %s key and writes no vitals', async (key) => {
    const before = await t.count('vital_signs', 'patient_id = $1', [patientId]);
    expectRefused(await postText(`/api/v1/patients/${patientId}/vitals`, withKey(normalVitals(), key)), key);
    expect(await t.count('vital_signs', 'patient_id = $1', [patientId])).toBe(before);
  });

  it.each(BODY_KEYS)('refuses %s inside CIWA-Ar, PHQ-9 and ASAM answer objects and writes nothing', async (key) => {
    const ciwaKeys = ['nausea_vomiting', 'tremor', 'paroxysmal_sweats', 'anxiety', 'agitation', 'tactile_disturbances',
      'auditory_disturbances', 'visual_disturbances', 'headache', 'orientation'];
    const ciwa = { scale: 'CIWA-Ar', answers: Object.fromEntries(ciwaKeys.map((k, i) => [k, ciwaAnswers(4)[i]])) };
    const phq9 = { instrument: 'PHQ-9', answers: { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0 } };
    const asam = {
      ratings: {
        d1_intoxication_withdrawal: 1, d2_biomedical: 0, d3_emotional_behavioral: 2,
        d4_readiness_to_change: 2, d5_relapse_potential: 3, d6_recovery_environment: 1,
      },
      recommendedLevel: '2.1',
    };
    const tables = ['withdrawal_assessments', 'screenings', 'level_of_care_assessments'];
    const before = await Promise.all(tables.map((table) => t.count(table, 'patient_id = $1', [patientId])));
    const base = `/api/v1/patients/${patientId}`;
    expectRefused(await postText(`${base}/withdrawal-assessments`, withKey(ciwa, key, 'answers')), `answers.${key}`);
    expectRefused(await postText(`${base}/screenings`, withKey(phq9, key, 'answers')), `answers.${key}`);
    expectRefused(await postText(`${base}/level-of-care`, withKey(asam, key, 'ratings')), `ratings.${key}`);
    expect(await Promise.all(tables.map((table) => t.count(table, 'patient_id = $1', [patientId])))).toEqual(before);
  });

  it('still accepts those answer objects without the extra key (the refusals are about the key alone)', async () => {
    const phq9 = { instrument: 'PHQ-9', answers: { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0 } };
    await t.as(clinician).post(`/api/v1/patients/${patientId}/screenings`, phq9).expect(201);
  });

  it.each(BODY_KEYS)('refuses %s in a settings value, top level and nested, and stores nothing', async (key) => {
    const put = (setting: string, text: string) =>
      t.http().put(`/api/v1/settings/${setting}`).auth(admin.token, { type: 'bearer' })
        .set('Content-Type', 'application/json').send(text);
    expectRefused(await put('alert-rules', `{"value":{"${key}":1}}`), `value.${key}`);
    expectRefused(await put('alert-rules', `{"value":{"depressantOverdose":{"${key}":1}}}`), `value.depressantOverdose.${key}`);
    expectRefused(await put('auth.login-rate-limit', `{"value":{"${key}":1,"attemptsPerMinute":5}}`), `value.${key}`);
    expect(await t.count('settings', `key IN ('alert-rules', 'auth.login-rate-limit')`)).toBe(0);
  });

  it.each(QUERY_KEYS)('refuses a %s query parameter on list routes', async (key) => {
    const auditBefore = await t.count('audit_events', `action = 'vitals.read' AND patient_id = $1`, [patientId]);
    for (const url of [`/api/v1/patients/${patientId}/vitals`, '/api/v1/alerts', '/api/v1/patients']) {
      const res = await t.as(clinician).get(`${url}?${key}=1`);
      expectRefused(res, key);
      expect(res.body.errors).toEqual([{ field: key, message: 'unknown query parameter' }]);
    }
    expect(await t.count('audit_events', `action = 'vitals.read' AND patient_id = $1`, [patientId])).toBe(auditBefore);
  });
});
