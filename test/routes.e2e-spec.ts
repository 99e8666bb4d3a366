import { readFileSync, writeFileSync } from 'node:fs';
import { PERMISSIONS, rolesWith, type Permission } from '../src/common/auth/permissions';
import { type RegisteredRoute, registeredRoutes } from './support/routes';
import { createTestApp, type TestApp } from './support/test-app';

const EXPECTED_PUBLIC = ['GET /health', 'POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/refresh'];

describe('every route is closed by default', () => {
  let t: TestApp;
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    t = await createTestApp();
    routes = registeredRoutes(t.app);
  });
  afterAll(() => t.close());

  it('finds the application\'s routes', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it('declares a known permission on every route that is not public', () => {
    const undeclared = routes.filter((r) => !r.isPublic && !r.permission).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
    const unknown = routes.filter((r) => r.permission && !(PERMISSIONS as readonly string[]).includes(r.permission));
    expect(unknown).toEqual([]);
  });

  it('opens only the login, refresh, logout and health routes', () => {
    expect(routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`).sort()).toEqual(EXPECTED_PUBLIC);
  });

  // The route → permission manifest is committed so every change to access shows up in review.
  // Regenerate it with UPDATE_ROUTE_MANIFEST=1 after an intended change.
  it('matches the committed route → permission manifest', () => {
    const manifest = routes
      .map((r) => `${r.method.padEnd(6)} ${r.path.padEnd(62)} ${r.isPublic ? 'public' : `${r.permission} (${rolesWith(r.permission as Permission).join(', ')})`}`)
      .join('\n')
      .concat('\n');
    const file = 'test/route-permissions.txt';
    if (process.env.UPDATE_ROUTE_MANIFEST === '1') writeFileSync(file, manifest);
    expect(manifest).toBe(readFileSync(file, 'utf8'));
  });

  it('answers 401 to every non-public route without a token', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const open: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const url = route.path.replace(/:[A-Za-z]+/g, id);
      const res = await t.http()[route.method.toLowerCase() as 'get'](url).send({});
      if (res.status !== 401 || !String(res.headers['content-type']).includes('application/problem+json')) {
        open.push(`${route.method} ${route.path} -> ${res.status}`);
      }
    }
    expect(open).toEqual([]);
  });
});
