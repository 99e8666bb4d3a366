import { randomUUID } from 'node:crypto';
import { ADMIN_REACHES_EVERY_PATIENT, rolesWith, type Permission } from '../src/common/auth/permissions';
import type { Role } from '../src/common/auth/roles';
import { addToCareTeam } from './support/factories';
import { type RegisteredRoute, registeredRoutes } from './support/routes';
import { booked, ny, patientOf } from './support/sessions-fixtures';
import { createGroup } from './support/support-groups-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

/**
 * Routes that touch patient data without naming one patient, so they are not
 * @PatientScoped: each checks and audits its patients itself (PatientAccessService
 * requireMany / visible, or the scopeSql condition in the list query).
 */
const CROSS_PATIENT_ROUTES: Record<string, string> = {
  'GET /api/v1/patients': 'registry list, filtered to the caller\'s patients in SQL',
  'POST /api/v1/patients': 'registration: the patient does not exist yet; the registrar joins the care team',
  'POST /api/v1/patients/search': 'search, filtered to the caller\'s patients in SQL',
  'POST /api/v1/patients/:id/emergency-access': 'the way in for a clinician outside the care team (the grant is audited)',
  'GET /api/v1/alerts': 'alerts of the caller\'s patients: requireMany',
  'GET /api/v1/alerts/stream': 'each alert is checked against the caller before it is sent',
  'GET /api/v1/detox/reassessments-due': 'the caller\'s patients in open episodes: requireMany',
  'GET /api/v1/clinicians/:id/calendar.ics': 'a clinician\'s sessions; patients shown only when in scope',
  'GET /api/v1/sessions': 'sessions list; a patientId filter is checked with require',
  'POST /api/v1/sessions': 'patients named in the body: requireMany',
  'GET /api/v1/sessions/:id': 'a session shows only the caller\'s patients',
  'PATCH /api/v1/sessions/:id': 'session clinicians or access to every patient: requireMany',
  'POST /api/v1/sessions/:id/cancel': 'session clinicians or access to every patient: requireMany',
  'GET /api/v1/sessions/:id/attendance': 'attendance of the caller\'s patients only: requireMany',
  'POST /api/v1/sessions/:id/notes': 'patients named in the body\'s parts: requireMany',
  'GET /api/v1/support-groups/:id/members': 'counts for all; entries only for the caller\'s patients (visible), names to facilitators',
  'POST /api/v1/support-groups/:id/meetings/:meetingId/attendance': 'the group\'s facilitators or the care team: requireMany',
  'GET /api/v1/support-groups/:id/meetings/:meetingId/attendance': 'all of it for facilitators, else the caller\'s patients (visible)',
  'GET /api/v1/follow-ups': 'due or overdue follow-ups of the caller\'s patients, filtered in SQL: requireMany',
};

const key = (r: RegisteredRoute) => `${r.method} ${r.path}`;

describe('patient access a route cannot forget', () => {
  let t: TestApp;
  let routes: RegisteredRoute[];
  const outsiders = {} as Record<Role, TestUser>;
  let patientId: string;
  const records: Record<string, { params: Record<string, string>; body?: object }> = {};
  let tables: string[];

  beforeAll(async () => {
    t = await createTestApp();
    routes = registeredRoutes(t.app);
    const clinician = await t.createUser('clinician');
    const caseManager = await t.createUser('case_manager');
    for (const role of ['admin', 'clinician', 'case_manager'] as const) outsiders[role] = await t.createUser(role);
    patientId = await patientOf(t, clinician);
    await addToCareTeam(t, patientId, caseManager);
    // One record of each kind a resolver reads the patient from.
    const sessionId = (await booked(t, clinician, {
      startsAt: ny('2025-05-07T10:00'), endsAt: ny('2025-05-07T11:00'), clinicianIds: [clinician.id], patientIds: [patientId],
    })).id;
    const note = await t.as(clinician).post(`/api/v1/sessions/${sessionId}/notes`)
      .send({ parts: [{ patientId, body: 'Synthetic note.' }] }).expect(201);
    const [alert] = (await t.db.query(
      `INSERT INTO alerts (patient_id, source, rule, severity, audience, message)
       VALUES ($1, 'test', 'test_rule', 'warning', 'care_team', 'Synthetic alert') RETURNING id`,
      [patientId],
    )) as { id: string }[];
    records.AlertPatient = { params: { id: (alert as { id: string }).id } };
    records.SessionNotePatients = { params: { noteId: note.body.id as string }, body: { body: 'Addendum.' } };
    records.SessionNotePatientsBySession = { params: { id: sessionId } };
    records.AttendancePatient = { params: { id: sessionId }, body: { patientId, status: 'attended' } };
    records.MemberPatient = { params: { id: (await createGroup(t, clinician, [clinician.id])).id }, body: { patientId } };
    tables = ((await t.db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('audit_events', 'migrations') ORDER BY table_name`,
    )) as { table_name: string }[]).map((r) => r.table_name);
  });
  afterAll(() => t.close());

  const scoped = () => routes.filter((r) => r.patientScope);

  /** A request to the route for the given patient (path) or record; every other path parameter is a fresh id. */
  function requestFor(route: RegisteredRoute, target: 'real' | 'missing'): { url: string; body: object } {
    const scope = route.patientScope;
    if (!scope) throw new Error(`${key(route)} is not patient-scoped`);
    let params: Record<string, string>;
    let body: object = {};
    if ('param' in scope) {
      params = { [scope.param]: target === 'real' ? patientId : randomUUID() };
    } else {
      const record = records[scope.resolver.name];
      if (!record) throw new Error(`no fixture record for resolver ${scope.resolver.name}: add one to this test`);
      params = target === 'real' ? record.params : Object.fromEntries(Object.keys(record.params).map((k) => [k, randomUUID()]));
      body = record.body ?? {};
      if (target === 'missing' && 'patientId' in body) body = { ...body, patientId: randomUUID() };
    }
    const url = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => params[name] ?? randomUUID());
    return { url, body };
  }

  const send = (user: TestUser, route: RegisteredRoute, req: { url: string; body: object }) => {
    const call = t.as(user)[route.method.toLowerCase() as 'get'](req.url);
    return route.method === 'GET' || route.method === 'DELETE' ? call : call.send(req.body);
  };

  /** Every table's row count, in one query (the walk takes two snapshots per route). */
  const rowCounts = async () => {
    const [row] = (await t.db.query(
      `SELECT ${tables.map((table) => `(SELECT count(*)::int FROM "${table}") AS "${table}"`).join(', ')}`,
    )) as Record<string, number>[];
    return row as Record<string, number>;
  };

  it('walks every patient-scoped route', () => {
    // 44 when written; the number only grows as features land.
    expect(scoped().length).toBeGreaterThanOrEqual(44);
  });

  it('answers a caller outside the care team 404 exactly as for a patient that does not exist, writes nothing, and audits the refusal', async () => {
    const failures: string[] = [];
    for (const route of scoped()) {
      const role = (['clinician', 'case_manager', 'admin'] as const).find((r) => rolesWith(route.permission as Permission).includes(r));
      if (!role) continue;
      // Admin-only permissions by which admins reach every patient (the accounting of disclosures): no admin is an outsider.
      if (role === 'admin' && ADMIN_REACHES_EVERY_PATIENT.has(route.permission as Permission)) continue;
      const outsider = outsiders[role];
      const before = await rowCounts();
      const denials = await t.count('audit_events', `user_id = $1 AND outcome = 'denied' AND patient_id = $2`, [outsider.id, patientId]);
      const refused = await send(outsider, route, requestFor(route, 'real'));
      const missing = await send(outsider, route, requestFor(route, 'missing'));
      const after = await rowCounts();
      const denialsAfter = await t.count('audit_events', `user_id = $1 AND outcome = 'denied' AND patient_id = $2`, [outsider.id, patientId]);
      if (refused.status !== 404) failures.push(`${key(route)} as ${role}: ${refused.status}`);
      else if (JSON.stringify(refused.body) !== JSON.stringify(missing.body)) {
        failures.push(`${key(route)}: ${JSON.stringify(refused.body)} differs from ${JSON.stringify(missing.body)}`);
      }
      if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${key(route)} wrote rows`);
      if (denialsAfter !== denials + 1) failures.push(`${key(route)}: ${denialsAfter - denials} refused-access audit events`);
    }
    expect(failures).toEqual([]);
  }, 30_000); // one request pair per scoped route: longer than the default 5 s on a loaded machine

  it('declares every route on one patient\'s data patient-scoped, except the documented cross-patient routes', () => {
    // A route touches patient data when its path names a patient or its permission guards patient records somewhere.
    const patientPermissions = new Set(scoped().map((r) => r.permission));
    const undeclared = routes
      .filter((r) => !r.patientScope && !r.isPublic)
      .filter((r) => r.path.includes('/patients/:id') || patientPermissions.has(r.permission))
      .map(key)
      .filter((k) => !(k in CROSS_PATIENT_ROUTES));
    expect(undeclared).toEqual([]);
    const stale = Object.keys(CROSS_PATIENT_ROUTES).filter((k) => !routes.some((r) => key(r) === k && !r.patientScope));
    expect(stale).toEqual([]);
  });
});
