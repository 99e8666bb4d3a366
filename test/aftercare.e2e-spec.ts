import { DateTime } from 'luxon';
import { JobRunner } from '../src/jobs/job-runner.service';
import { addToCareTeam, createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

// Aftercare: plan and gate, versions, follow-ups and the overdue job, check-ins with drug screens,
// alerts, re-entry, the recovery timeline, and access. All data is synthetic.
const ZONE = 'America/New_York';
const today = () => DateTime.now().setZone(ZONE).toISODate() ?? '';
const daysFromToday = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate() ?? '';
const noonOn = (date: string) => DateTime.fromISO(`${date}T12:00`, { zone: ZONE }).toJSDate();

const PLAN = {
  goals: [{ text: 'Attend two mutual-help meetings a week', status: 'in_progress', targetDate: '2026-12-31' }],
  relapsePrevention: { triggers: ['payday'], copingStrategies: ['call sponsor'], warningSigns: ['skipping meetings'] },
  supportContacts: [{ name: 'Sam Example', relation: 'sibling', phone: '+1 555 0100' }],
  medicationsToContinue: ['naltrexone 50 mg daily'],
  supportGroups: ['SMART Recovery Tuesday'],
};

const CHECK_IN = { contactMethod: 'phone', status: 'abstinent', daysUsedLast30: 0, craving: 2, employment: 'full_time', housing: 'stable' };

describe('aftercare', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;
  let outsider: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
    outsider = await t.createUser('clinician');
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => t.as(user);
  const planUrl = (id: string) => `/api/v1/patients/${id}/aftercare-plan`;
  const followUpsUrl = (id: string) => `/api/v1/patients/${id}/follow-ups`;
  const checkInsUrl = (id: string) => `/api/v1/patients/${id}/check-ins`;
  const runJob = (now: Date) => t.app.get(JobRunner).runNow('aftercare.follow-ups', now);

  /** A care-team patient in the given phase (set directly: earlier phases' gates are tested elsewhere). */
  async function teamPatient(phase = 'outpatient'): Promise<string> {
    const patient = await createPatient(t, caseManager);
    await addToCareTeam(t, patient.id, clinician);
    await t.db.query(`UPDATE patients SET phase = $2 WHERE id = $1`, [patient.id, phase]);
    return patient.id;
  }

  async function withPlan(startDate: string, phase = 'aftercare'): Promise<{ id: string; etag: string }> {
    const id = await teamPatient(phase);
    const res = await as(caseManager).post(planUrl(id), { ...PLAN, startDate }).expect(201);
    return { id, etag: res.headers.etag as string };
  }

  const followUps = async (id: string) =>
    (await as(caseManager).get(followUpsUrl(id)).expect(200)).body as { id: string; dueDate: string; status: string }[];

  describe('plan and the aftercare gate', () => {
    it('refuses outpatient → aftercare without a plan (409) and changes nothing', async () => {
      const id = await teamPatient();
      const res = await as(clinician).post(`/api/v1/patients/${id}/phase`, { to: 'aftercare', reason: 'completed IOP' }).expect(409);
      expect(res.body.type).toMatch(/gate-not-met$/);
      expect(res.body.gate).toBe('aftercare.plan-written');
      expect(await t.count('patients', `id = $1 AND phase = 'outpatient'`, [id])).toBe(1);
      expect(await t.count('patient_phase_changes', `patient_id = $1 AND to_phase = 'aftercare'`, [id])).toBe(0);
    });

    it('allows the move once a plan is written, and schedules follow-ups at 7, 30, 60, 90, 180 and 365 days', async () => {
      const id = await teamPatient();
      const res = await as(caseManager).post(planUrl(id), { ...PLAN, startDate: '2027-01-31' }).expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body.content.supportContacts).toEqual(PLAN.supportContacts);
      expect(res.body.followUps.map((f: { dueDate: string }) => f.dueDate)).toEqual([
        '2027-02-07', '2027-03-02', '2027-04-01', '2027-05-01', '2027-07-30', '2028-01-31',
      ]);
      await as(clinician).post(`/api/v1/patients/${id}/phase`, { to: 'aftercare', reason: 'completed IOP' }).expect(200);
      expect(await t.count('audit_events', `patient_id = $1 AND action = 'aftercare-plan.create'`, [id])).toBe(1);
    });

    it('refuses a second plan (409) and an invalid one (400), writing nothing', async () => {
      const { id } = await withPlan(today());
      await as(caseManager).post(planUrl(id), PLAN).expect(409);
      const other = await teamPatient();
      const bad = await as(caseManager)
        .post(planUrl(other), { ...PLAN, goals: [{ text: 'x', status: 'done' }], supportContacts: [{ name: 'A', relation: 'b', phone: 'call me' }] })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['goals.0.status', 'supportContacts.0.phone']);
      expect(await t.count('aftercare_plans', 'patient_id = $1', [other])).toBe(0);
      expect(await t.count('follow_ups', 'patient_id = $1', [other])).toBe(0);
    });

    it('keeps every version: an edit needs If-Match (428), a stale one is 412 and writes nothing', async () => {
      const { id, etag } = await withPlan(today());
      const edited = { ...PLAN, goals: [{ text: 'Attend two mutual-help meetings a week', status: 'met' }] };
      await as(caseManager).patch(planUrl(id), edited).expect(428);
      const res = await as(caseManager).patch(planUrl(id), edited, etag).expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body.content.goals[0].status).toBe('met');
      await as(clinician).patch(planUrl(id), PLAN, etag).expect(412);
      const current = await as(clinician).get(planUrl(id)).expect(200);
      expect(current.body.version).toBe(2);
      expect(current.body.content.goals[0].status).toBe('met');
      const versions = await as(clinician).get(`${planUrl(id)}/versions`).expect(200);
      expect(versions.body.map((v: { version: number; change: string }) => [v.version, v.change])).toEqual([[1, 'created'], [2, 'edited']]);
      expect(versions.body[0].content.goals[0].status).toBe('in_progress');
    });
  });

  describe('follow-ups', () => {
    it('opt-out closes open follow-ups as opted_out (nothing deleted) and stops scheduling; opt-in resumes from today', async () => {
      const start = daysFromToday(-100);
      const { id, etag } = await withPlan(start);
      const out = await as(caseManager).post(`${planUrl(id)}/opt-out`).set('If-Match', etag).expect(200);
      expect(out.body.optedOutOn).toBe(today());
      expect((await followUps(id)).map((f) => f.status)).toEqual(['opted_out', 'opted_out', 'opted_out', 'opted_out', 'opted_out', 'opted_out']);
      await runJob(new Date());
      expect(await t.count('follow_ups', `patient_id = $1 AND status = 'open'`, [id])).toBe(0);
      await as(caseManager).post(`${planUrl(id)}/opt-in`).set('If-Match', out.headers.etag as string).expect(200);
      const open = (await followUps(id)).filter((f) => f.status === 'open').map((f) => f.dueDate);
      // 7, 30, 60 and 90 days fell due while opted out and stay closed; 180 and 365 open again.
      expect(open).toEqual([DateTime.fromISO(start).plus({ days: 180 }).toISODate(), DateTime.fromISO(start).plus({ days: 365 }).toISODate()]);
      expect(await t.count('follow_ups', `patient_id = $1 AND status = 'opted_out'`, [id])).toBe(4);
      const versions = await as(caseManager).get(`${planUrl(id)}/versions`).expect(200);
      expect(versions.body.map((v: { change: string }) => v.change)).toEqual(['created', 'opted_out', 'opted_in']);
    });

    it('the case manager moves and cancels with a reason; a clinician may not (403)', async () => {
      const { id } = await withPlan(today());
      const [first, second] = await followUps(id);
      await as(clinician).post(`${followUpsUrl(id)}/${first?.id}/cancel`, { reason: 'x' }).expect(403);
      const moved = await as(caseManager).post(`${followUpsUrl(id)}/${first?.id}/move`, { dueDate: daysFromToday(9), reason: 'patient travelling' }).expect(201);
      expect(moved.body).toMatchObject({ dueDate: daysFromToday(9), status: 'open', changeReason: 'patient travelling' });
      const cancelled = await as(caseManager).post(`${followUpsUrl(id)}/${second?.id}/cancel`, { reason: 'duplicate' }).expect(201);
      expect(cancelled.body.status).toBe('cancelled');
      await as(caseManager).post(`${followUpsUrl(id)}/${second?.id}/move`, { dueDate: today(), reason: 'again' }).expect(409);
      const added = await as(caseManager).post(followUpsUrl(id), { dueDate: daysFromToday(3), reason: 'extra contact' }).expect(201);
      expect(added.body.offsetDays).toBeNull();
    });

    it('raises one overdue alert per follow-up more than 3 days late, once across two job runs', async () => {
      const start = '2026-01-01';
      const { id } = await withPlan(start);
      await runJob(noonOn('2026-01-11')); // 7-day follow-up due 2026-01-08: 3 days late, within grace
      expect(await t.count('alerts', `patient_id = $1 AND rule = 'follow_up_overdue'`, [id])).toBe(0);
      await runJob(noonOn('2026-01-12'));
      await runJob(noonOn('2026-01-13'));
      const [row] = (await t.db.query(
        `SELECT count(*)::int AS n, min(audience) AS audience FROM alerts WHERE patient_id = $1 AND rule = 'follow_up_overdue'`, [id],
      )) as { n: number; audience: string }[];
      expect(row).toEqual({ n: 1, audience: 'case_manager' });
    });

    it('keeps scheduling every 90 days after a year while the patient stays in aftercare', async () => {
      const { id } = await withPlan('2026-01-01');
      await runJob(noonOn('2027-02-15')); // horizon 2027-05-16: the 455-day follow-up (2027-04-01) is created
      expect((await followUps(id)).map((f) => f.dueDate)).toContain('2027-04-01');
      expect(await t.count('follow_ups', 'patient_id = $1', [id])).toBe(7);
      const other = await withPlan('2026-01-01', 'outpatient');
      await runJob(noonOn('2027-02-15'));
      expect(await t.count('follow_ups', 'patient_id = $1', [other.id])).toBe(6);
    });

    it("lists due and overdue follow-ups of the caller's patients only", async () => {
      const { id } = await withPlan(daysFromToday(-11)); // 7-day follow-up is 4 days overdue
      const { id: dueId } = await withPlan(daysFromToday(-8)); // 1 day late: due
      const overdue = await as(caseManager).get('/api/v1/follow-ups?status=overdue&limit=100').expect(200);
      expect(overdue.body.items.map((f: { patientId: string }) => f.patientId)).toContain(id);
      expect(overdue.body.items.map((f: { patientId: string }) => f.patientId)).not.toContain(dueId);
      const due = await as(caseManager).get('/api/v1/follow-ups?status=due&limit=100').expect(200);
      expect(due.body.items.find((f: { patientId: string }) => f.patientId === dueId)?.timing).toBe('due');
      const none = await as(outsider).get('/api/v1/follow-ups?status=overdue').expect(200);
      expect(none.body.total).toBe(0);
      await as(caseManager).get('/api/v1/follow-ups?status=late').expect(400);
    });
  });

  describe('check-ins', () => {
    it('completes the nearest open follow-up within the window, or the one it names', async () => {
      const { id } = await withPlan(daysFromToday(-9)); // 7-day follow-up due 2 days ago
      const [first, second] = await followUps(id);
      const res = await as(caseManager).post(checkInsUrl(id), CHECK_IN).expect(201);
      expect(res.body.followUpId).toBe(first?.id);
      expect((await followUps(id))[0]).toMatchObject({ status: 'completed' });
      const named = await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, followUpId: second?.id }).expect(201);
      expect(named.body.followUpId).toBe(second?.id);
    });

    it('refuses to answer a closed follow-up (409) and writes nothing', async () => {
      const { id } = await withPlan(daysFromToday(-9));
      const [first] = await followUps(id);
      await as(caseManager).post(checkInsUrl(id), CHECK_IN).expect(201);
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, followUpId: first?.id }).expect(409);
      expect(await t.count('check_ins', 'patient_id = $1', [id])).toBe(1);
    });

    it('refuses a check-in without a plan (409), abstinence with days of use (400), an analyte twice (400)', async () => {
      const noPlan = await teamPatient('aftercare');
      await as(caseManager).post(checkInsUrl(noPlan), CHECK_IN).expect(409);
      const { id } = await withPlan(today());
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, daysUsedLast30: 2 }).expect(400);
      const screen = { collectedAt: new Date().toISOString(), specimen: 'urine', results: [
        { analyte: 'cocaine', result: 'negative' }, { analyte: 'cocaine', result: 'positive' },
      ] };
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, drugScreen: screen }).expect(400);
      expect(await t.count('check_ins', 'patient_id IN ($1, $2)', [noPlan, id])).toBe(0);
    });

    it('marks buprenorphine expected for a patient on it; an unexpected positive alerts the care team', async () => {
      const { id } = await withPlan(today());
      await t.db.query(
        `INSERT INTO medication_orders (patient_id, drug, drug_key, dose, unit, route, schedule_type, start_date,
           max_dose_per_24h, max_dose_source, ordered_by)
         VALUES ($1, 'Buprenorphine', 'buprenorphine', 8, 'mg', 'sublingual', 'as_needed', $2, 24, 'ordered', $3)`,
        [id, daysFromToday(-30), clinician.id],
      );
      const screen = { collectedAt: new Date().toISOString(), specimen: 'urine', results: [
        { analyte: 'buprenorphine', result: 'positive' }, { analyte: 'fentanyl', result: 'positive' },
        { analyte: 'cocaine', result: 'negative' },
      ] };
      const res = await as(clinician).post(checkInsUrl(id), { ...CHECK_IN, status: 'lapse', daysUsedLast30: 1, drugScreen: screen }).expect(201);
      expect(res.body.drugScreen.results).toEqual([
        { analyte: 'buprenorphine', result: 'positive', expected: true },
        { analyte: 'cocaine', result: 'negative', expected: false },
        { analyte: 'fentanyl', result: 'positive', expected: false },
      ]);
      expect(res.body.drugScreen.unexpectedPositives).toEqual(['fentanyl']);
      const alerts = (await t.db.query(`SELECT rule, audience, message FROM alerts WHERE patient_id = $1`, [id])) as {
        rule: string; audience: string; message: string;
      }[];
      expect(alerts).toEqual([{ rule: 'unexpected_positive_screen', audience: 'care_team', message: 'Unexpected positive drug screen: fentanyl' }]);
    });

    it('a relapse alerts the care team; a second lapse within 30 days alerts the case manager', async () => {
      const { id } = await withPlan(daysFromToday(-60));
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, status: 'relapse', daysUsedLast30: 6 }).expect(201);
      const at = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISO() ?? '';
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, status: 'lapse', daysUsedLast30: 1, checkedInAt: at(-40) }).expect(201);
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, status: 'lapse', daysUsedLast30: 1, checkedInAt: at(-5) }).expect(201);
      expect(await t.count('alerts', `patient_id = $1 AND rule = 'repeated_lapse'`, [id])).toBe(0); // 35 days apart
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, status: 'lapse', daysUsedLast30: 2, checkedInAt: at(-1) }).expect(201);
      const rows = (await t.db.query(`SELECT rule, audience FROM alerts WHERE patient_id = $1 ORDER BY rule`, [id])) as unknown[];
      expect(rows).toEqual([{ rule: 'relapse_reported', audience: 'care_team' }, { rule: 'repeated_lapse', audience: 'case_manager' }]);
    });
  });

  describe('re-entry', () => {
    const reEngage = (user: TestUser, id: string, body: object) => as(user).post(`/api/v1/patients/${id}/re-engage`, body);

    it('re-opens screening by default, closes open follow-ups as re_engaged, keeps the plan and history', async () => {
      const { id } = await withPlan(daysFromToday(-9));
      await as(caseManager).post(checkInsUrl(id), CHECK_IN).expect(201);
      const res = await reEngage(caseManager, id, { reason: 'relapse reported' }).expect(200);
      expect(res.body.phase).toBe('screening');
      expect(res.body.closedFollowUpIds).toHaveLength(5);
      expect((await followUps(id)).map((f) => f.status)).toEqual(['completed', 're_engaged', 're_engaged', 're_engaged', 're_engaged', 're_engaged']);
      expect(await t.count('patients', `id = $1 AND phase = 'screening'`, [id])).toBe(1);
      await as(caseManager).get(planUrl(id)).expect(200);
      expect(await t.count('check_ins', 'patient_id = $1', [id])).toBe(1);
      await reEngage(caseManager, id, { reason: 'again' }).expect(409);
    });

    it('sends to detox or outpatient only a clinician (403) with a confirmed diagnosis from the last 12 months (409)', async () => {
      const { id } = await withPlan(today());
      await reEngage(caseManager, id, { reason: 'relapse', to: 'detox' }).expect(403);
      const refused = await reEngage(clinician, id, { reason: 'relapse', to: 'outpatient' }).expect(409);
      expect(refused.body.type).toMatch(/gate-not-met$/);
      await t.db.query(
        `INSERT INTO diagnoses (patient_id, substance, criteria, criteria_count, severity, recorded_by, recorded_at, confirmed_by, confirmed_at)
         VALUES ($1, 'alcohol', '{}', 4, 'moderate', $2, now() - interval '13 months', $2, now() - interval '13 months')`,
        [id, clinician.id],
      );
      await reEngage(clinician, id, { reason: 'relapse', to: 'outpatient' }).expect(409);
      expect(await t.count('patients', `id = $1 AND phase = 'aftercare'`, [id])).toBe(1);
      expect(await t.count('follow_ups', `patient_id = $1 AND status = 'open'`, [id])).toBe(6);
      await t.db.query(
        `INSERT INTO diagnoses (patient_id, substance, criteria, criteria_count, severity, recorded_by, confirmed_by, confirmed_at)
         VALUES ($1, 'alcohol', '{}', 4, 'moderate', $2, $2, now())`,
        [id, clinician.id],
      );
      await reEngage(clinician, id, { reason: 'relapse', to: 'detox' }).expect(200);
      expect(await t.count('patients', `id = $1 AND phase = 'detox'`, [id])).toBe(1);
    });
  });

  describe('recovery timeline', () => {
    it('orders events by time and shows case managers no item answers and no clinician-only alerts', async () => {
      const { id } = await withPlan(daysFromToday(-20));
      await as(clinician).post(`/api/v1/patients/${id}/screenings`, { instrument: 'CAGE', answers: ['yes', 'no', 'yes', 'no'] }).expect(201);
      const at = (days: number) => DateTime.now().plus({ days }).toISO() ?? '';
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, checkedInAt: at(-3), note: 'doing well' }).expect(201);
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, status: 'relapse', daysUsedLast30: 3, checkedInAt: at(-1) }).expect(201);
      await t.db.query(
        `INSERT INTO alerts (patient_id, source, rule, severity, audience, message) VALUES ($1, 'detox', 'test', 'warning', 'clinician', 'clinician only')`,
        [id],
      );
      const mine = await as(clinician).get(`/api/v1/patients/${id}/recovery-timeline?limit=100`).expect(200);
      const times = mine.body.items.map((e: { at: string }) => e.at);
      expect([...times].sort()).toEqual(times);
      const kinds = mine.body.items.map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['screening', 'check_in', 'alert_raised']));
      expect(mine.body.items.find((e: { kind: string }) => e.kind === 'screening').detail).toEqual({ answers: expect.anything() });
      expect(mine.body.items.filter((e: { kind: string }) => e.kind === 'alert_raised')).toHaveLength(2);

      const theirs = await as(caseManager).get(`/api/v1/patients/${id}/recovery-timeline?limit=100`).expect(200);
      const screening = theirs.body.items.find((e: { kind: string }) => e.kind === 'screening');
      expect(screening.summary).toBe('CAGE total 2 (positive)');
      expect(screening.detail).toBeNull();
      expect(theirs.body.items.filter((e: { kind: string }) => e.kind === 'alert_raised').map((e: { summary: string }) => e.summary))
        .toEqual(['Relapse reported at an aftercare check-in']);

      const window = await as(clinician).get(`/api/v1/patients/${id}/recovery-timeline?from=${encodeURIComponent(at(-2))}`).expect(200);
      expect(window.body.items.every((e: { at: string }) => e.at >= at(-2).slice(0, 10))).toBe(true);
      expect(window.body.items.filter((e: { kind: string }) => e.kind === 'check_in')).toHaveLength(1);
    });
  });

  describe('access', () => {
    it('answers an off-team clinician 404 exactly as for a missing patient, and audits the refusal', async () => {
      const { id } = await withPlan(today());
      const missing = '00000000-0000-4000-8000-000000000000';
      const urls = (p: string) => [planUrl(p), `${planUrl(p)}/versions`, followUpsUrl(p), checkInsUrl(p), `/api/v1/patients/${p}/recovery-timeline`];
      for (const [url, missingUrl] of urls(id).map((u, i) => [u, urls(missing)[i]] as const)) {
        const off = await as(outsider).get(url).expect(404);
        const none = await as(outsider).get(missingUrl ?? '').expect(404);
        expect(off.body).toEqual(none.body);
      }
      await as(outsider).post(checkInsUrl(id), CHECK_IN).expect(404);
      await as(outsider).post(`/api/v1/patients/${id}/re-engage`, { reason: 'x' }).expect(404);
      expect(await t.count('check_ins', 'patient_id = $1', [id])).toBe(0);
      expect(await t.count('audit_events', `patient_id = $1 AND outcome = 'denied' AND user_id = $2`, [id, outsider.id])).toBeGreaterThan(0);
    });

    it('keeps admins out of aftercare records (403)', async () => {
      const { id } = await withPlan(today());
      await as(admin).get(planUrl(id)).expect(403);
      await as(admin).post(checkInsUrl(id), CHECK_IN).expect(403);
      await as(admin).get(`/api/v1/patients/${id}/recovery-timeline`).expect(403);
    });

    it('audits reads of the plan, follow-ups, check-ins and timeline', async () => {
      const { id } = await withPlan(today());
      await as(clinician).get(planUrl(id)).expect(200);
      await as(clinician).get(followUpsUrl(id)).expect(200);
      await as(clinician).get(checkInsUrl(id)).expect(200);
      await as(clinician).get(`/api/v1/patients/${id}/recovery-timeline`).expect(200);
      const actions = (await t.db.query(
        `SELECT action FROM audit_events WHERE patient_id = $1 AND user_id = $2 ORDER BY occurred_at`, [id, clinician.id],
      )) as { action: string }[];
      expect(actions.map((a) => a.action)).toEqual(['aftercare-plan.read', 'follow-up.read', 'check-in.read', 'recovery-timeline.read']);
    });
  });
});
