import { aftercareHelpers, daysFromToday, followUpsUrl, noonOn, PLAN, planUrl, plusDays, today } from './support/aftercare-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

// Aftercare: the plan and its gate, versions, opt-out and opt-in, follow-ups and the daily job. All data is synthetic.
describe('aftercare plans and follow-ups', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
    outsider = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => t.as(user);
  const { teamPatient, withPlan, followUps, runJob } = aftercareHelpers(() => t, () => ({ clinician, caseManager }));

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
      const start = daysFromToday(30);
      const res = await as(caseManager).post(planUrl(id), { ...PLAN, startDate: start }).expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body.content.supportContacts).toEqual(PLAN.supportContacts);
      expect(res.body.followUps.map((f: { dueDate: string }) => f.dueDate)).toEqual(
        [7, 30, 60, 90, 180, 365].map((days) => plusDays(start, days)),
      );
      await as(clinician).post(`/api/v1/patients/${id}/phase`, { to: 'aftercare', reason: 'completed IOP' }).expect(200);
      expect(await t.count('audit_events', `patient_id = $1 AND action = 'aftercare-plan.create'`, [id])).toBe(1);
    });

    it('refuses a second plan (409), an invalid one and a start far from today (400), writing nothing', async () => {
      const { id } = await withPlan(today());
      await as(caseManager).post(planUrl(id), PLAN).expect(409);
      const other = await teamPatient();
      const bad = await as(caseManager)
        .post(planUrl(other), { ...PLAN, goals: [{ text: 'x', status: 'done' }], supportContacts: [{ name: 'A', relation: 'b', phone: 'call me' }] })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['goals.0.status', 'supportContacts.0.phone']);
      const distant = await as(caseManager).post(planUrl(other), { ...PLAN, startDate: '1900-01-01' }).expect(400);
      expect(distant.body.errors).toEqual([{ field: 'startDate', message: 'must be within 366 days of today' }]);
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
      expect(open).toEqual([plusDays(start, 180), plusDays(start, 365)]);
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
      // A follow-up is a contact still to make: a past date is a 400 and changes nothing.
      const past = await as(caseManager).post(followUpsUrl(id), { dueDate: daysFromToday(-1), reason: 'extra contact' }).expect(400);
      expect(past.body.errors).toEqual([{ field: 'dueDate', message: expect.stringContaining('before today') }]);
      const movedBack = await as(caseManager).post(`${followUpsUrl(id)}/${first?.id}/move`, { dueDate: daysFromToday(-30), reason: 'back' }).expect(400);
      expect(movedBack.body.errors).toEqual([{ field: 'dueDate', message: expect.stringContaining('before today') }]);
      expect(await t.count('follow_ups', `id = $1 AND due_date = $2`, [first?.id, daysFromToday(9)])).toBe(1);
      const added = await as(caseManager).post(followUpsUrl(id), { dueDate: daysFromToday(3), reason: 'extra contact' }).expect(201);
      expect(added.body.offsetDays).toBeNull();
      expect(await t.count('follow_ups', 'patient_id = $1', [id])).toBe(7);
    });

    it('refuses a follow-up due before the plan starts (400) and writes nothing', async () => {
      const { id } = await withPlan(daysFromToday(5));
      const res = await as(caseManager).post(followUpsUrl(id), { dueDate: daysFromToday(2), reason: 'early call' }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'dueDate', message: `must not be before the plan starts (${daysFromToday(5)})` }]);
      expect(await t.count('follow_ups', 'patient_id = $1 AND offset_days IS NULL', [id])).toBe(0);
    });

    it('raises one overdue alert per follow-up more than 3 days late, once across two job runs', async () => {
      const start = daysFromToday(-100);
      const { id } = await withPlan(start);
      await runJob(noonOn(plusDays(start, 10))); // the 7-day follow-up is 3 days late: within the grace period
      expect(await t.count('alerts', `patient_id = $1 AND rule = 'follow_up_overdue'`, [id])).toBe(0);
      await runJob(noonOn(plusDays(start, 11)));
      await runJob(noonOn(plusDays(start, 12)));
      const [row] = (await t.db.query(
        `SELECT count(*)::int AS n, min(audience) AS audience, min(category) AS category FROM alerts
         WHERE patient_id = $1 AND rule = 'follow_up_overdue'`, [id],
      )) as { n: number; audience: string; category: string }[];
      expect(row).toEqual({ n: 1, audience: 'case_manager', category: 'engagement' });
    });

    it('sends an overdue follow-up to the whole care team when the patient has no case manager on it', async () => {
      const start = daysFromToday(-30);
      const { id } = await withPlan(start);
      await t.db.query(`DELETE FROM care_team_members WHERE patient_id = $1 AND user_id = $2`, [id, caseManager.id]);
      await runJob(noonOn(plusDays(start, 12)));
      const [row] = await t.db.query(`SELECT id, audience FROM alerts WHERE patient_id = $1 AND rule = 'follow_up_overdue'`, [id]);
      expect(row.audience).toBe('care_team');
      const seen = await as(clinician).get(`/api/v1/alerts?patientId=${id}`).expect(200);
      expect(seen.body.items.map((a: { id: string }) => a.id)).toContain(row.id);
    });

    it('keeps scheduling every 90 days after a year while the patient stays in aftercare', async () => {
      const start = daysFromToday(-300);
      const { id } = await withPlan(start);
      await runJob(noonOn(plusDays(start, 410))); // 90 days ahead is day 500: the 455-day follow-up is created
      expect((await followUps(id)).map((f) => f.dueDate)).toContain(plusDays(start, 455));
      expect(await t.count('follow_ups', 'patient_id = $1', [id])).toBe(7);
      const other = await withPlan(start, 'outpatient');
      await runJob(noonOn(plusDays(start, 410)));
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

});
