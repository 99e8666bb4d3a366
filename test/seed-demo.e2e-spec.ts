import { execFileSync } from 'node:child_process';
import { buildServer } from './support/server-process';
import { createTestDatabase, dropTestDatabase, withClient } from './support/database';
import { removeTempDirs, tempDir } from './support/temp-dir';

/** `npm run seed:demo` on a migrated database: a small program every role can work in at once. */
const DOMAIN_TABLES = [
  'users', 'patients', 'patient_phase_changes', 'care_team_members', 'screenings', 'diagnoses',
  'level_of_care_assessments', 'detox_episodes', 'vital_signs', 'withdrawal_assessments', 'medication_orders',
  'medication_scheduled_doses', 'rooms', 'sessions', 'session_attendance', 'support_groups', 'support_group_memberships',
  'support_group_meetings', 'aftercare_plans', 'follow_ups', 'check_ins', 'drug_screen_results',
];

describe('npm run seed:demo', () => {
  jest.setTimeout(240_000);
  let database: { url: string; name: string };
  let firstRun: string;
  const seed = () => execFileSync(process.execPath, ['dist/src/seed/seed-demo.js'], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, DATA_DIR: tempDir('seed-') },
    encoding: 'utf8', timeout: 120_000,
  });
  const query = async <T>(sql: string, params: unknown[] = []) =>
    withClient(database.url, async (c) => (await c.query(sql, params)).rows as T[]);
  const counts = async () => Object.fromEntries(await Promise.all(DOMAIN_TABLES.map(async (table) =>
    [table, (await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n])));

  beforeAll(async () => {
    buildServer();
    database = await createTestDatabase();
    firstRun = seed();
  });
  afterAll(async () => {
    await dropTestDatabase(database.name);
    removeTempDirs();
  });

  it('creates 3 clinicians, 2 case managers and 1 admin, and prints their logins', async () => {
    const roles = await query<{ role: string; n: number }>(`SELECT role, count(*)::int AS n FROM users GROUP BY role ORDER BY role`);
    expect(roles).toEqual([{ role: 'admin', n: 1 }, { role: 'case_manager', n: 2 }, { role: 'clinician', n: 3 }]);
    expect(firstRun).toContain('clinician2@example.org / demo-password-clinician');
    expect(firstRun).toContain('casemanager2@example.org / demo-password-casemanager');
    expect(firstRun).toContain('demo-admin@example.org / demo-password-admin');
  });

  it('seeds about twenty patients in every phase, each with a clinician and a case manager on the care team', async () => {
    const phases = await query<{ phase: string; n: number }>(`SELECT phase, count(*)::int AS n FROM patients GROUP BY phase ORDER BY phase`);
    expect(phases.map((p) => p.phase)).toEqual(['aftercare', 'detox', 'discharged', 'outpatient', 'screening']);
    expect(phases.reduce((sum, p) => sum + p.n, 0)).toBe(20);
    const teams = await query<{ roles: string[] }>(
      `SELECT array_agg(DISTINCT u.role ORDER BY u.role) AS roles FROM care_team_members m JOIN users u ON u.id = m.user_id GROUP BY m.patient_id`);
    expect(teams).toHaveLength(20);
    for (const team of teams) expect(team.roles).toEqual(['case_manager', 'clinician']);
    expect(await query(`SELECT id FROM rooms`)).toHaveLength(3);
  });

  it('gives every patient screenings, and every patient past screening a confirmed diagnosis and an accepted level of care', async () => {
    const unscreened = await query(`SELECT id FROM patients p WHERE NOT EXISTS (SELECT 1 FROM screenings s WHERE s.patient_id = p.id)`);
    expect(unscreened).toEqual([]);
    const untreatable = await query(
      `SELECT p.id FROM patients p WHERE p.phase <> 'screening' AND NOT EXISTS (
         SELECT 1 FROM diagnoses d WHERE d.patient_id = p.id AND d.confirmed_at IS NOT NULL AND d.severity <> 'none')`);
    expect(untreatable).toEqual([]);
    const inScreening = await query(`SELECT d.id FROM diagnoses d JOIN patients p ON p.id = d.patient_id WHERE p.phase = 'screening'`);
    expect(inScreening).toEqual([]);
  });

  it('opens one detox episode with a day of vitals (one abnormal), CIWA-Ar scores and a baclofen taper', async () => {
    const episodes = await query<{ patient_id: string }>(`SELECT patient_id FROM detox_episodes WHERE ended_at IS NULL`);
    expect(episodes).toHaveLength(1);
    const patientId = episodes[0]?.patient_id;
    const vitals = await query<{ news2_total: number }>(`SELECT news2_total FROM vital_signs WHERE patient_id = $1`, [patientId]);
    expect(vitals).toHaveLength(6);
    expect(vitals.filter((v) => v.news2_total >= 5)).toHaveLength(1);
    expect(await query(`SELECT id FROM alerts WHERE patient_id = $1`, [patientId])).not.toHaveLength(0);
    expect(await query(`SELECT id FROM withdrawal_assessments WHERE patient_id = $1 AND scale = 'CIWA-Ar'`, [patientId])).toHaveLength(4);
    const orders = await query<{ drug: string; taper_step_down: string }>(`SELECT drug, taper_step_down FROM medication_orders WHERE patient_id = $1`, [patientId]);
    expect(orders).toEqual([{ drug: 'baclofen', taper_step_down: expect.anything() }]);
  });

  it('books two weeks of sessions, with attendance recorded for the past week only', async () => {
    const sessions = await query<{ past: boolean; n: number }>(
      `SELECT starts_at < now() AS past, count(*)::int AS n FROM sessions GROUP BY 1 ORDER BY 1`);
    expect(sessions).toEqual([{ past: false, n: 10 }, { past: true, n: 10 }]);
    const attendance = await query<{ status: string }>(
      `SELECT a.status FROM session_attendance a JOIN sessions s ON s.id = a.session_id WHERE s.starts_at > now()`);
    expect(attendance).toEqual([]);
    const statuses = await query<{ status: string }>(`SELECT DISTINCT status FROM session_attendance ORDER BY status`);
    expect(statuses.map((s) => s.status)).toEqual(['attended', 'late', 'no_show']);
  });

  it('fills a support group to capacity with two patients waitlisted, and generates every group\'s meetings', async () => {
    const groups = await query<{ name: string; capacity: number; members: number; waiting: number[]; meetings: number }>(
      `SELECT g.name, g.capacity,
         (SELECT count(*)::int FROM support_group_memberships m WHERE m.group_id = g.id AND m.status = 'member') AS members,
         (SELECT coalesce(array_agg(m.status ORDER BY m.requested_at), '{}') FROM support_group_memberships m
            WHERE m.group_id = g.id AND m.status = 'waitlisted') AS waiting,
         (SELECT count(*)::int FROM support_group_meetings t WHERE t.group_id = g.id AND t.starts_at > now()) AS meetings
       FROM support_groups g ORDER BY g.name`);
    expect(groups.map((g) => g.name)).toEqual(['Monday SMART Recovery (online)', 'Wednesday relapse prevention']);
    const [online, full] = groups;
    expect(full).toMatchObject({ capacity: 3, members: 3, waiting: ['waitlisted', 'waitlisted'] });
    expect(online).toMatchObject({ members: 4, waiting: [] });
    for (const group of groups) expect(group.meetings).toBeGreaterThanOrEqual(7);
    expect(firstRun).toContain('2 support groups (2 patients on a waitlist)');
  });

  it('gives each aftercare patient a plan with scheduled follow-ups and a check-in answering the first one, one with a urine screen', async () => {
    const aftercare = await query<{ plans: number; open: number; completed: number; check_ins: number }>(
      `SELECT (SELECT count(*)::int FROM aftercare_plans a WHERE a.patient_id = p.id) AS plans,
         (SELECT count(*)::int FROM follow_ups f WHERE f.patient_id = p.id AND f.status = 'open') AS open,
         (SELECT count(*)::int FROM follow_ups f WHERE f.patient_id = p.id AND f.status = 'completed') AS completed,
         (SELECT count(*)::int FROM check_ins c WHERE c.patient_id = p.id) AS check_ins
       FROM patients p WHERE p.phase = 'aftercare'`);
    expect(aftercare).toHaveLength(4);
    for (const patient of aftercare) expect(patient).toEqual({ plans: 1, open: 5, completed: 1, check_ins: 1 });
    const statuses = await query<{ status: string }>(`SELECT status FROM check_ins ORDER BY status`);
    expect(statuses.map((c) => c.status)).toEqual(['abstinent', 'abstinent', 'abstinent', 'lapse']);
    const screens = await query<{ specimen: string; results: string[] }>(
      `SELECT c.screen_specimen AS specimen, array_agg(DISTINCT r.result) AS results
       FROM check_ins c JOIN drug_screen_results r ON r.check_in_id = c.id GROUP BY c.id`);
    expect(screens).toEqual([{ specimen: 'urine', results: ['negative'] }]);
  });

  it('adds nothing when run a second time', async () => {
    const before = await counts();
    const second = seed();
    expect(second).toMatch(/nothing added/);
    expect(await counts()).toEqual(before);
  });
});
