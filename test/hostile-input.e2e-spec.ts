import request from 'supertest';
import { MAX_JSON_DEPTH } from '../src/common/http/json-depth';
import { createPatient, patientInput } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Input classes a black-box sweep found answered with 500: each is now a 400 validation problem. */
describe('hostile input is refused with a validation problem and writes nothing', () => {
  let t: TestApp;
  let manager: TestUser;
  let admin: TestUser;
  let patientId: string;

  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.createUser('case_manager');
    admin = await t.createUser('admin');
    patientId = (await createPatient(t, manager)).id;
  });
  afterAll(() => t.close());

  const expectValidationProblem = (res: Answer, field?: string) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://outpatient-program.example/problems/validation', status: 400 });
    if (field) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  };
  const postJson = (path: string, text: string | Buffer, user?: TestUser) => {
    // The identity serializer sends text and bytes exactly as given.
    const call = t.http().post(path).set('Content-Type', 'application/json').serialize((raw: unknown) => raw as string);
    return (user ? call.auth(user.token, { type: 'bearer' }) : call).send(text);
  };

  it('refuses a NUL character in a body field', async () => {
    const before = await t.count('patients');
    expectValidationProblem(await t.as(manager).post('/api/v1/patients', patientInput({ familyName: 'a\u0000b' })), 'familyName');
    expect(await t.count('patients')).toBe(before);
  });

  it.each([
    ['a line break', 'Sample\nAdmin'], ['an escape', 'Sample\u001b[2J'], ['a zero-width space', 'Sam\u200bple'],
    ['a right-to-left override', 'Sample\u202eelpmas'], ['a byte-order mark', 'Sam\ufeffple'], ['no letter', '123 -'],
  ])('refuses a name with %s, and writes nothing', async (_, familyName) => {
    const before = await t.count('patients');
    const res = await t.as(manager).post('/api/v1/patients', patientInput({ familyName }));
    expectValidationProblem(res, 'familyName');
    expect(await t.count('patients')).toBe(before);
    const renamed = await t.as(manager).patch(`/api/v1/patients/${patientId}`).set('If-Match', '"1"').send({ givenName: familyName });
    expectValidationProblem(renamed, 'givenName');
    const [row] = await t.db.query(`SELECT given_name, version FROM patients WHERE id = $1`, [patientId]);
    expect(row.version).toBe(1);
    expect(row.given_name).not.toBe(familyName);
  });

  it('accepts names that need joiners or are not in Latin script', async () => {
    for (const givenName of ['\u0645\u06cc\u200c\u0646\u0627', 'Zoë', '\u674e', "O'Brien-Smith"]) {
      const res = await t.as(manager).post('/api/v1/patients', patientInput({ givenName }));
      expect(res.status).toBe(201);
      expect(res.body.givenName).toBe(givenName);
    }
  });

  it('refuses a user display name with a control character', async () => {
    const before = await t.count('users');
    const res = await t.as(admin).post('/api/v1/users', {
      email: 'control.char@example.org', displayName: 'Nurse\u0007Bell', role: 'clinician', password: 'synthetic-Password-2026!',
    });
    expectValidationProblem(res as unknown as Answer, 'displayName');
    expect(await t.count('users')).toBe(before);
  });

  it('refuses a NUL character in a nested field', async () => {
    const res = await t.as(manager).post('/api/v1/patients', patientInput({ primarySubstances: ['alcohol', 'x\u0000'] }));
    expectValidationProblem(res, 'primarySubstances[1]');
  });

  it('refuses a NUL character in a query parameter, without echoing it', async () => {
    const res = await t.as(manager).get('/api/v1/patients?mrn=a%00b');
    expectValidationProblem(res, 'mrn');
    expect(JSON.stringify(res.body)).not.toContain('a\u0000b');
  });

  it('refuses invalid UTF-8 in a query parameter instead of storing U+FFFD', async () => {
    expectValidationProblem(await t.as(manager).get('/api/v1/patients?mrn=%ff%fe'), 'mrn');
  });

  it('refuses a lone surrogate in an email field (it used to crash the email validator)', async () => {
    const before = await t.count('users');
    const body = '{"email":"x\\ud800@example.org","displayName":"A","role":"clinician","password":"long-enough-password"}';
    expectValidationProblem(await postJson('/api/v1/users', body, admin), 'email');
    expectValidationProblem(await postJson('/api/v1/auth/login', '{"email":"\\udfff@example.org","password":"x"}'), 'email');
    expect(await t.count('users')).toBe(before);
  });

  it('refuses a lone surrogate in any other text field rather than storing U+FFFD', async () => {
    const before = await t.count('patients');
    const text = JSON.stringify(patientInput()).replace('"Alex"', '"Al\\ud83dex"');
    expectValidationProblem(await postJson('/api/v1/patients', text, manager), 'givenName');
    expect(await t.count('patients')).toBe(before);
  });

  it('refuses a body that is not valid UTF-8', async () => {
    const before = await t.count('patients');
    const bytes = Buffer.concat([Buffer.from('{"givenName":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expectValidationProblem(await postJson('/api/v1/patients', bytes, manager), 'body');
    expect(await t.count('patients')).toBe(before);
  });

  it(`caps JSON nesting at ${MAX_JSON_DEPTH} levels before parsing, on public auth routes too`, async () => {
    const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
    const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    // The auth routes take at most 8 kB: 1,000 levels fit, 10,000 are refused for size (413) before anything else.
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout']) {
      expectValidationProblem(await postJson(path, deepObject(1000)), 'body');
      expectValidationProblem(await postJson(path, deepArray(1000)), 'body');
      expect((await postJson(path, deepArray(10_000))).status).toBe(413);
    }
    expectValidationProblem(await postJson('/api/v1/patients', deepArray(10_000), manager), 'body');
    expectValidationProblem(await postJson('/api/v1/patients', deepObject(MAX_JSON_DEPTH + 1), manager), 'body');
    expect((await postJson('/api/v1/patients', deepObject(MAX_JSON_DEPTH), manager)).body.errors).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'body' })]),
    );
  });

  it('answers a request whose URL is over the header limit with a problem+json 431', async () => {
    const res = await t.as(manager).get(`/api/v1/patients?mrn=${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 431, title: expect.any(String), detail: expect.any(String) });
  });

  it('answers oversized headers with a problem+json 431', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').set('X-Padding', 'y'.repeat(20_000));
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses unknown query parameters on routes that take none', async () => {
    const res = await t.as(manager).get('/api/v1/users/me?verbose=true');
    expectValidationProblem(res, 'verbose');
    expectValidationProblem(await t.as(manager).get(`/api/v1/patients/${patientId}/care-team?limit=1`), 'limit');
  });

  it('refuses unknown query parameters on routes that take a query object', async () => {
    expectValidationProblem(await t.as(manager).get('/api/v1/patients?limit=5&sort=name'), 'sort');
  });

  it('refuses __proto__, constructor and prototype body keys like any unknown key', async () => {
    const before = await t.count('patients');
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = JSON.stringify(patientInput()).replace('{', `{"${key}":{"isAdmin":true},`);
      expectValidationProblem(await postJson('/api/v1/patients', text, manager), key);
    }
    expect(await t.count('patients')).toBe(before);
  });

  it('answers null for a required field with 400 on PATCH, as on POST, and changes nothing', async () => {
    const read = await t.as(manager).get(`/api/v1/patients/${patientId}`);
    const res = await t.as(manager).patch(`/api/v1/patients/${patientId}`, { givenName: null }, read.headers.etag);
    expectValidationProblem(res, 'givenName');
    expectValidationProblem(await t.as(manager).post('/api/v1/patients', patientInput({ givenName: null })), 'givenName');
    const [row] = (await t.db.query('SELECT given_name, version FROM patients WHERE id = $1', [patientId])) as {
      given_name: string;
      version: number;
    }[];
    expect(row).toEqual({ given_name: 'Alex', version: read.body.version });
  });

  it('answers a malformed path id with the validation problem, naming the parameter without echoing it', async () => {
    const res = await t.as(manager).get('/api/v1/patients/not-a-uuid%3Cscript%3E');
    expectValidationProblem(res);
    expect(res.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    expect(JSON.stringify(res.body)).not.toContain('script');
    const nested = await t.as(manager).get(`/api/v1/patients/${patientId}/screenings/123`);
    expect(nested.body.errors).toEqual([{ field: 'screeningId', message: 'screeningId must be a UUID' }]);
  });
});
