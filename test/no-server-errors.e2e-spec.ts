import { createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { registeredRoutes } from './support/routes';

/**
 * "No request a user can send produces a 500": every route, as every role,
 * with ids that exist and ids that do not, and with bodies and query strings
 * of the wrong shape, must answer below 500.
 */
const BAD_BODIES: unknown[] = [
  {},
  { unexpected: true },
  { id: 1, name: null, startsAt: 'yesterday', answers: 'x', criteria: [], dose: -1, value: { a: [] } },
  { to: 'detox', reason: '', scale: 'COWS', answers: { a: 99 }, kind: 'group', patientIds: ['nope'] },
  [],
  'text',
];
const BAD_QUERIES = ['', '?limit=-1&offset=x', '?from=notadate&to=2020-13-45&status=weird', '?clinicianIds=x,y&durationMinutes=NaN'];

describe('no user input produces a server error', () => {
  jest.setTimeout(180_000);
  let t: TestApp;
  let users: TestUser[];
  let patientId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const clinician = await t.createUser('clinician');
    users = [clinician, await t.createUser('case_manager'), await t.createUser('admin')];
    patientId = (await createPatient(t, clinician)).id;
  });
  afterAll(() => t.close());

  it('answers every route with a status below 500', async () => {
    const failures: string[] = [];
    const ids = [patientId, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'];
    // The alert stream stays open by design; its refusals are covered by the route walk.
    for (const route of registeredRoutes(t.app).filter((r) => !r.path.endsWith('/alerts/stream'))) {
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      for (const id of ids) {
        const path = route.path.replace(/:[A-Za-z]+/g, id);
        for (const user of users) {
          const attempts = method === 'get' || method === 'delete'
            ? BAD_QUERIES.map((q) => t.http()[method](`${path}${q}`))
            : BAD_BODIES.map((body) => t.http()[method](path).set('If-Match', '"1"').send(body as object));
          for (const attempt of attempts) {
            const res = await attempt.auth(user.token, { type: 'bearer' });
            if (res.status >= 500) failures.push(`${route.method} ${path} as ${user.role} -> ${res.status}`);

          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
