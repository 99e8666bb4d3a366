import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_PERMISSION } from '../src/common/auth/decorators';
import { PERMISSIONS } from '../src/common/auth/permissions';
import { createTestApp, type TestApp } from './support/test-app';

interface Route {
  method: string;
  path: string;
  isPublic: boolean;
  permission: string | undefined;
}

const EXPECTED_PUBLIC = ['GET /health', 'POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/refresh'];

/** Every route the application registers, read from the controllers' metadata. */
function registeredRoutes(t: TestApp): Route[] {
  const discovery = t.app.get(DiscoveryService);
  const scanner = t.app.get(MetadataScanner);
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const subPath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (subPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] as string;
      const prefix = base === 'health' ? '' : '/api/v1';
      const path = `${prefix}/${[base, subPath].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
      const meta = <T>(key: string) =>
        (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, metatype) as T | undefined);
      routes.push({ method, path, isPublic: meta<boolean>(IS_PUBLIC) === true, permission: meta<string>(REQUIRED_PERMISSION) });
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

describe('every route is closed by default', () => {
  let t: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    t = await createTestApp();
    routes = registeredRoutes(t);
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
