import { createPatient, patientInput } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

/** Every kind of bad input gets an RFC 9457 problem document, never a 500, and writes nothing. */
describe('errors as application/problem+json', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    user = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  const expectProblem = (res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/^https:\/\//), title: expect.any(String), status, detail: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|SELECT|INSERT|QueryFailedError/);
  };

  it('answers unknown fields with 400 and a {field, message} list', async () => {
    const before = await t.count('patients');
    const res = await t.as(user).post('/api/v1/patients').send(patientInput({ isAdmin: true }));
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'isAdmin', message: expect.stringMatching(/should not exist|unknown/) }]);
    expect(await t.count('patients')).toBe(before);
  });

  it('answers wrong types with 400 naming each field', async () => {
    const res = await t.as(user).post('/api/v1/patients')
      .send(patientInput({ givenName: 42, primarySubstances: 'alcohol' }));
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['givenName', 'primarySubstances']));
  });

  it('answers malformed JSON with 400', async () => {
    const res = await t.as(user).post('/api/v1/patients')
      .set('Content-Type', 'application/json').send('{"givenName": "Al');
    expectProblem(res, 400);
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.as(user).post('/api/v1/patients')
      .set('Content-Type', 'application/json').send(JSON.stringify(patientInput({ address: 'x'.repeat(300_000) })));
    expectProblem(res, 413);
  });

  it('answers a non-JSON content type with 415', async () => {
    const before = await t.count('patients');
    const res = await t.as(user).post('/api/v1/patients')
      .set('Content-Type', 'text/plain').send('givenName=Alex');
    expectProblem(res, 415);
    expect(await t.count('patients')).toBe(before);
  });

  it('answers an unknown route with 404', async () => {
    expectProblem(await t.as(user).get('/api/v1/no-such-thing'), 404);
    expectProblem(await t.http().get('/nowhere'), 404);
  });

  it('answers a malformed id in the path with 400', async () => {
    expectProblem(await t.as(user).get('/api/v1/patients/not-a-uuid'), 400);
  });

  it('answers a malformed query parameter with 400', async () => {
    const res = await t.as(user).get('/api/v1/patients?limit=abc');
    expectProblem(res, 400);
    expect(res.body.errors[0].field).toBe('limit');
  });

  it('answers a missing or garbage bearer token with 401', async () => {
    expectProblem(await t.http().get('/api/v1/patients'), 401);
    expectProblem(await t.http().get('/api/v1/patients').set('Authorization', 'Bearer garbage'), 401);
  });

  it('answers a forbidden role with 403', async () => {
    expectProblem(await t.as(user).get('/api/v1/audit-events'), 403);
  });

  it('answers a malformed If-Match with 412 and a missing one with 428', async () => {
    const patient = await createPatient(t, user);
    const url = `/api/v1/patients/${patient.id}`;
    expectProblem(await t.as(user).patch(url).set('If-Match', 'nonsense').send({ pronouns: 'x' }), 412);
    expectProblem(await t.as(user).patch(url).send({ pronouns: 'x' }), 428);
  });

  it('answers a JSON array or scalar body with 400', async () => {
    expectProblem(await t.as(user).post('/api/v1/patients').send([1, 2]), 400);
    expectProblem(
      await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('"just a string"'),
      400,
    );
  });

  it('forbids caching of API answers and sends standard security headers', async () => {
    const res = await t.as(user).get('/api/v1/users/me').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('echoes a request id on every answer', async () => {
    const res = await t.http().get('/api/v1/patients').set('X-Request-Id', 'trace-abc-123');
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
  });
});
