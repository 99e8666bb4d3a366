import { detoxPatient, normalVitals, startEpisode } from './support/detox-fixtures';
import { createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** `+json` media types used to skip the JSON parser (and its size, depth and key checks) while still reaching handlers. */
describe('only application/json bodies are read, and a PATCH must change something', () => {
  let t: TestApp;
  let manager: TestUser;
  let clinician: TestUser;
  let patientId: string;
  let detoxPatientId: string;

  const JSON_FLAVOURS = [
    'application/merge-patch+json',
    'application/vnd.api+json',
    'application/json-patch+json',
    'application/problem+json',
    'text/json',
  ];

  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.createUser('case_manager');
    clinician = await t.createUser('clinician');
    patientId = (await createPatient(t, manager)).id;
    detoxPatientId = (await detoxPatient(t, clinician)).id;
    await startEpisode(t, clinician, detoxPatientId);
  });
  afterAll(() => t.close());

  const expect415 = (res: Answer) => {
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 415, detail: expect.stringContaining('application/json') });
  };
  const patientRow = async () =>
    ((await t.db.query('SELECT pronouns, version FROM patients WHERE id = $1', [patientId])) as { pronouns: string | null; version: number }[])[0];

  it.each(JSON_FLAVOURS)('refuses a vitals POST sent as %s with 415 and writes nothing', async (type) => {
    const before = await t.count('vital_signs', 'patient_id = $1', [detoxPatientId]);
    const res = await t.as(clinician).post(`/api/v1/patients/${detoxPatientId}/vitals`)
      .set('Content-Type', type).send(JSON.stringify(normalVitals()));
    expect415(res);
    expect(await t.count('vital_signs', 'patient_id = $1', [detoxPatientId])).toBe(before);
  });

  it('refuses a merge-patch PATCH with 415 and leaves the patient and its version as they were', async () => {
    const read = await t.as(manager).get(`/api/v1/patients/${patientId}`).expect(200);
    const before = await patientRow();
    const res = await t.as(manager).patch(`/api/v1/patients/${patientId}`, undefined, read.headers.etag as string)
      .set('Content-Type', 'application/merge-patch+json').send(JSON.stringify({ pronouns: 'they/them' }));
    expect415(res);
    expect(await patientRow()).toEqual(before);
  });

  it('refuses an oversized or deeply nested +json body with 415 instead of letting it past the limits', async () => {
    const read = await t.as(manager).get(`/api/v1/patients/${patientId}`).expect(200);
    const before = await patientRow();
    const big = JSON.stringify({ address: 'x'.repeat(300_000) });
    const deep = '{"a":'.repeat(100) + '1' + '}'.repeat(100);
    for (const text of [big, deep, '{"__proto__":{"isAdmin":true}}']) {
      const res = await t.as(manager).patch(`/api/v1/patients/${patientId}`, undefined, read.headers.etag as string)
        .set('Content-Type', 'application/merge-patch+json').send(text);
      expect415(res);
    }
    expect(await patientRow()).toEqual(before);
  });

  it('still reads application/json with a charset parameter', async () => {
    const read = await t.as(manager).get(`/api/v1/patients/${patientId}`).expect(200);
    const res = await t.as(manager).patch(`/api/v1/patients/${patientId}`, undefined, read.headers.etag as string)
      .set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify({ pronouns: 'she/her' }));
    expect(res.status).toBe(200);
    expect(await patientRow()).toEqual({ pronouns: 'she/her', version: (read.body.version as number) + 1 });
  });

  it('refuses a PATCH with no body or an empty object with 400, without bumping the version', async () => {
    const read = await t.as(manager).get(`/api/v1/patients/${patientId}`).expect(200);
    const before = await patientRow();
    const etag = read.headers.etag as string;
    const empty = await t.as(manager).patch(`/api/v1/patients/${patientId}`, {}, etag);
    const missing = await t.as(manager).patch(`/api/v1/patients/${patientId}`, undefined, etag);
    for (const res of [empty, missing]) {
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'body', message: expect.stringMatching(/at least one field/) }]);
    }
    expect(await patientRow()).toEqual(before);
    expect(await t.count('audit_events', `action = 'patient.update' AND resource_id = $1`, [patientId])).toBe(1);
  });

  it('answers an unauthenticated empty PATCH with 401 before looking at the body', async () => {
    const res = await t.http().patch(`/api/v1/patients/${patientId}`).send({});
    expect(res.status).toBe(401);
  });
});
