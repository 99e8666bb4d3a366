import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Role } from '../src/common/auth/roles';
import { addToCareTeam, createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

/**
 * The OpenAPI document tells the truth about what the server validates:
 * clients generate code from it, so a field the server requires must be
 * documented as required, and every query parameter a route accepts must be
 * documented on that route. The document checked is the committed
 * openapi.json, which the server test proves equal to what the built server
 * serves (the Swagger CLI plugin that reads the DTOs runs in the build, not
 * under ts-jest); the requests go to the application under test.
 */
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Parameter { name: string; in: string; required?: boolean; schema: Schema & { default?: unknown } }
interface Operation {
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  'x-roles'?: Role[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
  tags?: { name: string }[];
}
interface FieldError { field: string; message: string }

describe('the OpenAPI document', () => {
  jest.setTimeout(180_000);
  let t: TestApp;
  let doc: Document;
  const users = new Map<Role, TestUser>();
  let patientId: string;

  beforeAll(async () => {
    t = await createTestApp();
    doc = JSON.parse(readFileSync('openapi.json', 'utf8')) as Document;
    for (const role of ['admin', 'clinician', 'case_manager'] as const) users.set(role, await t.createUser(role));
    const clinician = users.get('clinician') as TestUser;
    patientId = (await createPatient(t, clinician)).id;
    await addToCareTeam(t, patientId, users.get('case_manager') as TestUser);
  });
  afterAll(() => t.close());

  const resolve = (schema: Schema): Schema =>
    schema.$ref ? resolve(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] as Schema) : schema;

  /** A value of the documented type; it need not be valid, only present. */
  function sample(raw: Schema): unknown {
    const schema = resolve(raw);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum) return schema.enum[0];
    if (schema.oneOf?.[0]) return sample(schema.oneOf[0]);
    if (schema.allOf?.[0]) return sample(schema.allOf[0]);
    switch (schema.type) {
      case 'integer': case 'number': return schema.minimum ?? 1;
      case 'boolean': return false;
      case 'array': return schema.items ? [sample(schema.items)] : [];
      case 'object': return onlyRequired(schema);
      default:
        if (schema.format === 'date-time') return new Date().toISOString();
        if (schema.format === 'date') return '2026-01-05';
        return schema.properties ? onlyRequired(schema) : 'x';
    }
  }

  function onlyRequired(schema: Schema): Record<string, unknown> {
    return Object.fromEntries((schema.required ?? []).map((key) => [key, sample(schema.properties?.[key] ?? {})]));
  }

  function caller(operation: Operation): TestUser {
    const roles = operation['x-roles'] ?? ['admin'];
    const role = (['clinician', 'case_manager', 'admin'] as const).find((r) => roles.includes(r)) ?? 'admin';
    return users.get(role) as TestUser;
  }

  function concretePath(path: string): string {
    return path.replace(/\{(\w+)\}/g, (_m, name: string) =>
      name === 'id' && path.startsWith('/api/v1/patients/') ? patientId : name === 'key' ? 'unknown-setting' : randomUUID());
  }

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));

  it('documents the fields each body requires: a body of only those never gets "is required" for another field', async () => {
    const undocumented: string[] = [];
    let checked = 0;
    for (const { path, method, operation } of operations()) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      checked += 1;
      const documented = resolve(schema);
      const body = onlyRequired(documented);
      const call = t.as(caller(operation));
      const url = concretePath(path);
      const res = await (method === 'put' ? call.put(url, body) : method === 'patch' ? call.patch(url, body) : call.post(url, body));
      if (res.status !== 400) continue;
      for (const error of (res.body as { errors?: FieldError[] }).errors ?? []) {
        // A documented field left out of the body must not be one the server requires. (Rules across fields,
        // such as "at least one vital sign", name no property and are stated in the route's description.)
        const top = error.field.split('.')[0] as string;
        if (!(top in body) && top in (documented.properties ?? {})) undocumented.push(`${method.toUpperCase()} ${path}: ${error.field} ${error.message}`);
      }
    }
    expect(checked).toBeGreaterThan(25);
    expect(undocumented).toEqual([]);
  });

  it('documents every query parameter a route accepts', async () => {
    const candidates = new Set(['limit', 'offset']);
    for (const { operation } of operations()) {
      for (const p of operation.parameters ?? []) if (p.in === 'query') candidates.add(p.name);
    }
    const refused = (errors: FieldError[], name: string) =>
      errors.some((e) => e.field === name && /should not exist|unknown field/.test(e.message));
    const missing: string[] = [];
    for (const { path, method, operation } of operations()) {
      if (method !== 'get' || path.endsWith('/stream')) continue;
      const call = t.as(caller(operation));
      const url = concretePath(path);
      // A route that validates its query refuses an unknown parameter; others read no query at all.
      const probe = await call.get(`${url}?zzProbe=1`);
      if (!refused((probe.body as { errors?: FieldError[] }).errors ?? [], 'zzProbe')) continue;
      const documented = new Set((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      for (const name of candidates) {
        const res = await call.get(`${url}?${name}=1`);
        const errors = (res.body as { errors?: FieldError[] }).errors ?? [];
        if (!refused(errors, name) && !documented.has(name)) missing.push(`GET ${path}?${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('documents limit and offset on the lists and on POST /patients/search', () => {
    for (const path of ['/api/v1/patients', '/api/v1/sessions', '/api/v1/patients/{id}/vitals', '/api/v1/audit-events']) {
      const names = (doc.paths[path]?.get?.parameters ?? []).map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(['limit', 'offset']));
    }
    expect(Object.keys(resolve({ $ref: '#/components/schemas/PatientSearchDto' }).properties ?? {}))
      .toEqual(expect.arrayContaining(['limit', 'offset', 'name']));
  });

  it('marks the free-slots limit optional with its default, and iop-hours dates as dates', () => {
    const freeSlots = doc.paths['/api/v1/sessions/free-slots']?.get?.parameters ?? [];
    expect(freeSlots.find((p) => p.name === 'limit')).toMatchObject({ required: false, schema: { default: 10 } });
    const iop = doc.paths['/api/v1/patients/{id}/iop-hours']?.get?.parameters ?? [];
    expect(iop.find((p) => p.name === 'from')?.schema.format).toBe('date');
  });

  it('lists the tags in the order a reader needs them', () => {
    const order = ['auth', 'users', 'patients', 'screening', 'detox', 'sessions', 'groups', 'aftercare', 'alerts', 'reports', 'settings', 'audit'];
    const tags = (doc.tags ?? []).map((tag) => tag.name).filter((name) => order.includes(name));
    expect(tags).toEqual(order.filter((name) => tags.includes(name)));
    expect(tags.slice(0, 5)).toEqual(['auth', 'users', 'patients', 'screening', 'detox']);
  });
});
