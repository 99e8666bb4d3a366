import { insertPatient, nyc, smallCellThreshold } from './support/report-fixtures';
import { createGroup, generateMeetings, meetingsOf } from './support/support-groups-fixtures';
import { addToCareTeam } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

/**
 * The group-attendance and aftercare-outcomes reports over small hand-built data sets (New York time);
 * the expected figures are worked out by hand in the comments. The small-cell threshold is 1.
 */
describe('reports: support groups and aftercare', () => {
  let t: TestApp;
  let admin: TestUser;
  let clinician: TestUser;
  const rows = async (path: string) => (await t.as(admin).get(`/api/v1/reports/${path}`).expect(200)).body.rows;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser('admin');
    clinician = await t.createUser('clinician');
    await smallCellThreshold(t, admin, 1);
  });
  afterAll(() => t.close());

  it('is listed in the catalogue', async () => {
    const res = await t.as(admin).get('/api/v1/reports').expect(200);
    const ids = (res.body as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['group-attendance', 'aftercare-outcomes']));
  });

  it('group-attendance: verified by group and week, self-reported community meetings apart', async () => {
    const [p1, p2] = [(await insertPatient(t)).id, (await insertPatient(t)).id];
    for (const p of [p1, p2]) await addToCareTeam(t, p, clinician);
    const facilitator = await t.createUser('clinician');
    const group = await createGroup(t, clinician, [facilitator.id], {
      name: 'Tuesday evening relapse prevention',
      schedule: { weekdays: ['TU'], startTime: '18:00', endTime: '19:30', firstDate: '2025-01-07', lastDate: '2025-01-21' },
    });
    await generateMeetings(t, '2025-01-01T00:00:00Z');
    for (const p of [p1, p2]) await t.as(clinician).post(`/api/v1/support-groups/${group.id}/members`, { patientId: p }).expect(201);
    await t.db.query(`UPDATE support_group_memberships SET seated_at = '2024-12-01T00:00:00Z', requested_at = '2024-12-01T00:00:00Z' WHERE group_id = $1`, [group.id]);
    const [jan7, jan14, jan21] = await meetingsOf(t, group.id);
    const record = (meetingId: string | undefined, patientId: string, status: string) =>
      t.as(clinician).post(`/api/v1/support-groups/${group.id}/meetings/${meetingId}/attendance`, { patientId, status }).expect(201);
    await record(jan7?.id, p1, 'present');
    await record(jan7?.id, p2, 'late');
    await record(jan14?.id, p1, 'absent');
    await record(jan14?.id, p2, 'excused');
    await record(jan21?.id, p1, 'present'); // after the period
    const selfReport = (p: string, date: string) =>
      t.as(clinician).post(`/api/v1/patients/${p}/community-meetings`, { date, kind: 'aa', name: 'Neighbourhood AA' }).expect(201);
    await selfReport(p1, '2025-01-12'); // Sunday: the week of Monday 6 January
    await selfReport(p2, '2025-01-13'); // Monday: the week of 13 January
    await selfReport(p2, '2025-01-20'); // after the period
    const group1 = 'Tuesday evening relapse prevention';
    const zero = { present: 0, late: 0, absent: 0, excused: 0 };
    expect(await rows('group-attendance?from=2025-01-06&to=2025-01-19')).toEqual([
      // 7 Jan: p1 present, p2 late -> 2 attended by 2 patients.
      { week_start: '2025-01-06', source: 'verified', group_name: group1, kind: 'relapse_prevention', attended: 2, present: 1, late: 1, absent: 0, excused: 0, patients: 2 },
      { week_start: '2025-01-06', source: 'self_reported', group_name: null, kind: 'aa', attended: 1, ...zero, patients: 1 },
      // 14 Jan: p1 absent, p2 excused -> nobody attended.
      { week_start: '2025-01-13', source: 'verified', group_name: group1, kind: 'relapse_prevention', attended: 0, present: 0, late: 0, absent: 1, excused: 1, patients: 0 },
      { week_start: '2025-01-13', source: 'self_reported', group_name: null, kind: 'aa', attended: 1, ...zero, patients: 1 },
    ]);
  });

  it('aftercare-outcomes: follow-up completion; abstinence at 30, 90 and 180 days among those reached and among all', async () => {
    /** A follow-up due on `due`; `answer` completes it with a check-in (status, and an unexpected positive screen or not). */
    const followUp = async (offsetDays: number, due: string, status: string, answer?: { recovery: string; unexpectedPositive?: boolean }) => {
      const patient = (await insertPatient(t)).id;
      const [plan] = (await t.db.query(
        `INSERT INTO aftercare_plans (patient_id, start_date, content, schedule_resumed_on, created_by, updated_by)
         VALUES ($1, '2024-09-01', '{}', '2024-09-01', $2, $2) RETURNING id`, [patient, clinician.id],
      )) as { id: string }[];
      let checkInId: string | null = null;
      if (answer) {
        const [checkIn] = (await t.db.query(
          `INSERT INTO check_ins (patient_id, checked_in_at, contact_method, status, days_used_last_30, craving, employment, housing,
             recorded_by, screen_collected_at, screen_specimen)
           VALUES ($1, $2, 'phone', $3, $4, 1, 'full_time', 'stable', $5, CASE WHEN $6::text IS NULL THEN NULL ELSE $2::timestamptz END, $6)
           RETURNING id`,
          [patient, nyc(`${due}T10:00`), answer.recovery, answer.recovery === 'abstinent' ? 0 : 2, clinician.id,
            answer.unexpectedPositive === undefined ? null : 'urine'],
        )) as { id: string }[];
        checkInId = checkIn?.id ?? null;
        if (answer.unexpectedPositive !== undefined) {
          await t.db.query(
            `INSERT INTO drug_screen_results (check_in_id, analyte, result, expected) VALUES ($1, 'cocaine', $2, false)`,
            [checkInId, answer.unexpectedPositive ? 'positive' : 'negative'],
          );
        }
      }
      await t.db.query(
        `INSERT INTO follow_ups (patient_id, plan_id, offset_days, due_date, status, check_in_id, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5 = 'open' THEN NULL ELSE now() END)`,
        [patient, plan?.id, offsetDays, due, status, checkInId],
      );
    };
    await followUp(30, '2025-03-03', 'completed', { recovery: 'abstinent' }); // reached, abstinent
    await followUp(30, '2025-03-05', 'completed', { recovery: 'abstinent', unexpectedPositive: true }); // reached, not abstinent
    await followUp(30, '2025-03-08', 'completed', { recovery: 'abstinent', unexpectedPositive: false }); // reached, abstinent
    await followUp(30, '2025-03-10', 'open'); // not reached
    await followUp(30, '2025-03-12', 'cancelled'); // left out
    await followUp(90, '2025-03-20', 'completed', { recovery: 'lapse' }); // reached, not abstinent
    await followUp(90, '2025-03-31', 'completed', { recovery: 'abstinent' }); // reached, abstinent (last local day)
    await followUp(180, '2025-03-15', 'opted_out'); // not reached
    await followUp(7, '2025-03-02', 'completed', { recovery: 'relapse' }); // reached, not abstinent: "all" only
    await followUp(30, '2025-04-01', 'completed', { recovery: 'abstinent' }); // after the period
    await followUp(30, '2025-02-28', 'open'); // before the period
    expect(await rows('aftercare-outcomes?from=2025-03-01&to=2025-03-31')).toEqual([
      // 8 due (4 + 2 + 1 + the 7-day one): 6 reached (6/8 = 0.75), 3 abstinent: 3/6 = 0.5 among reached, 3/8 = 0.375 among all.
      { milestone: 'all follow-ups', follow_ups_due: 8, reached: 6, completion_rate: 0.75, abstinent: 3, abstinence_rate_among_reached: 0.5, abstinence_rate_among_all: 0.375 },
      // 4 due, 3 reached, 2 abstinent.
      { milestone: '30 days', follow_ups_due: 4, reached: 3, completion_rate: 0.75, abstinent: 2, abstinence_rate_among_reached: 0.6667, abstinence_rate_among_all: 0.5 },
      { milestone: '90 days', follow_ups_due: 2, reached: 2, completion_rate: 1, abstinent: 1, abstinence_rate_among_reached: 0.5, abstinence_rate_among_all: 0.5 },
      // Nobody reached: no rate among the reached.
      { milestone: '180 days', follow_ups_due: 1, reached: 0, completion_rate: 0, abstinent: 0, abstinence_rate_among_reached: null, abstinence_rate_among_all: 0 },
    ]);
  });
});
