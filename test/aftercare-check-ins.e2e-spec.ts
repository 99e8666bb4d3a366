import { DateTime } from 'luxon';
import { aftercareHelpers, CHECK_IN, checkInsUrl, daysFromToday, followUpsUrl, planUrl, today, ZONE } from './support/aftercare-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

const FOUR_CRITERIA = '{"larger_amounts_or_longer": true, "unsuccessful_efforts_to_cut_down": true, "time_spent": true, "craving": true, "role_failure": false, "social_problems": false, "activities_given_up": false, "hazardous_use": false, "continued_despite_problems": false, "tolerance": false, "withdrawal": false}';

// Aftercare: check-ins with drug screens and their alerts, re-entry, the recovery timeline, access. All data is synthetic.
describe('aftercare check-ins, re-entry and timeline', () => {
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
  const { teamPatient, withPlan, followUps } = aftercareHelpers(() => t, () => ({ clinician, caseManager }));

  describe('check-ins', () => {
    it('completes the nearest open follow-up within the window, or the one it names', async () => {
      const { id } = await withPlan(daysFromToday(-9)); // 7-day follow-up due 2 days ago
      const [first, second] = await followUps(id);
      const res = await as(caseManager).post(checkInsUrl(id), CHECK_IN).expect(201);
      expect(res.body.followUpId).toBe(first?.id);
      expect((await followUps(id))[0]).toMatchObject({ status: 'completed' });
      // The 30-day follow-up is due in 21 days, outside the 14-day window: naming it is refused until it is moved nearer.
      const early = await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, followUpId: second?.id }).expect(422);
      expect(early.body).toMatchObject({
        type: 'https://outpatient-program.example/problems/follow-up-not-due', dueDate: second?.dueDate, checkInWindowDays: 14,
      });
      expect(await t.count('check_ins', 'patient_id = $1', [id])).toBe(1);
      expect(await t.count('follow_ups', `id = $1 AND status = 'open'`, [second?.id])).toBe(1);
      await as(caseManager).post(`${followUpsUrl(id)}/${second?.id}/move`, { dueDate: daysFromToday(10), reason: 'earlier call agreed' }).expect(201);
      const named = await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, followUpId: second?.id }).expect(201);
      expect(named.body.followUpId).toBe(second?.id);
    });

    it('answers the overdue follow-up before one ahead when the check-in names none', async () => {
      const { id } = await withPlan(daysFromToday(-25)); // 7-day follow-up 18 days overdue, 30-day one due in 5 days
      const [overdue, ahead] = await followUps(id);
      expect(overdue?.offsetDays).toBe(7);
      expect(ahead?.offsetDays).toBe(30);
      const res = await as(caseManager).post(checkInsUrl(id), CHECK_IN).expect(201);
      expect(res.body.followUpId).toBe(overdue?.id);
      expect(await t.count('follow_ups', `id = $1 AND status = 'completed'`, [overdue?.id])).toBe(1);
      expect(await t.count('follow_ups', `id = $1 AND status = 'open'`, [ahead?.id])).toBe(1);
      // The next check-in, with nothing else due, answers the one ahead.
      const next = await as(caseManager).post(checkInsUrl(id), CHECK_IN).expect(201);
      expect(next.body.followUpId).toBe(ahead?.id);
    });

    it('refuses to count a check-in on day 0 as the 365-day follow-up (422), so outcome reports stay true', async () => {
      const { id } = await withPlan(today());
      const last = (await followUps(id)).find((f) => f.offsetDays === 365);
      const res = await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, followUpId: last?.id }).expect(422);
      expect(res.body.type).toBe('https://outpatient-program.example/problems/follow-up-not-due');
      expect(await t.count('check_ins', 'patient_id = $1', [id])).toBe(0);
      expect(await t.count('follow_ups', `patient_id = $1 AND status = 'open'`, [id])).toBe(6);
    });

    it('refuses a check-in or a drug screen dated in the future with a 400 naming the field, and writes nothing', async () => {
      const { id } = await withPlan(today());
      const later = DateTime.now().plus({ hours: 3 }).toISO() ?? '';
      const atLater = await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, checkedInAt: later }).expect(400);
      expect(atLater.body.errors).toEqual([expect.objectContaining({ field: 'checkedInAt' })]);
      const screen = { collectedAt: later, specimen: 'urine', results: [{ analyte: 'cocaine', result: 'negative' }] };
      const screenLater = await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, drugScreen: screen }).expect(400);
      expect(screenLater.body.errors).toEqual([expect.objectContaining({ field: 'drugScreen.collectedAt' })]);
      expect(await t.count('check_ins', 'patient_id = $1', [id])).toBe(0);
    });

    it('refuses to answer a closed follow-up (409) and writes nothing', async () => {
      const { id } = await withPlan(daysFromToday(-9));
      const [first] = await followUps(id);
      await as(caseManager).post(checkInsUrl(id), CHECK_IN).expect(201);
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, followUpId: first?.id }).expect(409);
      expect(await t.count('check_ins', 'patient_id = $1', [id])).toBe(1);
    });

    it('refuses a check-in without a plan (409), abstinence with days of use (400), an analyte twice (400), a future time (400)', async () => {
      const noPlan = await teamPatient('aftercare');
      await as(caseManager).post(checkInsUrl(noPlan), CHECK_IN).expect(409);
      const { id } = await withPlan(today());
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, daysUsedLast30: 2 }).expect(400);
      const screen = { collectedAt: new Date().toISOString(), specimen: 'urine', results: [
        { analyte: 'cocaine', result: 'negative' }, { analyte: 'cocaine', result: 'positive' },
      ] };
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, drugScreen: screen }).expect(400);
      const tomorrow = DateTime.now().plus({ days: 1 }).toISO() ?? '';
      const future = await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, checkedInAt: tomorrow }).expect(400);
      expect(future.headers['content-type']).toMatch(/application\/problem\+json/);
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

    it('refuses a client-sent expected (400) and writes nothing: it cannot hide an unexpected positive', async () => {
      const { id } = await withPlan(today());
      const alertsBefore = await t.count('alerts', 'patient_id = $1', [id]);
      for (const expected of [true, false]) {
        const screen = { collectedAt: new Date().toISOString(), specimen: 'urine', results: [
          { analyte: 'fentanyl', result: 'positive', expected },
        ] };
        const res = await as(clinician).post(checkInsUrl(id), { ...CHECK_IN, status: 'lapse', daysUsedLast30: 1, drugScreen: screen })
          .expect(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors).toEqual([{
          field: 'drugScreen.results.0.expected',
          message: 'expected is derived by the server from the medication orders active at the check-in time; do not send it',
        }]);
      }
      expect(await t.count('check_ins', 'patient_id = $1', [id])).toBe(0);
      expect(await t.count('drug_screen_results r JOIN check_ins c ON c.id = r.check_in_id', 'c.patient_id = $1', [id])).toBe(0);
      expect(await t.count('follow_ups', `patient_id = $1 AND status = 'open'`, [id])).toBe(6);
      expect(await t.count('alerts', 'patient_id = $1', [id])).toBe(alertsBefore);
    });

    it('derives expected from the orders active at the check-in time, by drug and by the drug table\'s class', async () => {
      const { id } = await withPlan(daysFromToday(-20));
      const order = (drug: string, fields: { startDays: number; discontinuedDaysAgo?: number }) => t.db.query(
        `INSERT INTO medication_orders (patient_id, drug, drug_key, drug_id, dose, unit, route, schedule_type, start_date,
           max_dose_per_24h, max_dose_source, ordered_by, status, discontinued_at, discontinued_by, discontinue_reason)
         SELECT $1, d.generic, d.generic, d.id, 1, 'mg', 'oral', 'as_needed', $2, 10, 'ordered', $3, $4, $5, $6, $7
         FROM drugs d WHERE d.generic = $8`,
        [id, daysFromToday(fields.startDays), clinician.id, fields.discontinuedDaysAgo === undefined ? 'active' : 'discontinued',
          fields.discontinuedDaysAgo === undefined ? null : DateTime.now().minus({ days: fields.discontinuedDaysAgo }).toJSDate(),
          fields.discontinuedDaysAgo === undefined ? null : clinician.id, fields.discontinuedDaysAgo === undefined ? null : 'taper complete',
          drug],
      );
      // A benzodiazepine the analyte table does not name: explained by its drug-table class.
      await t.db.query(
        `INSERT INTO drugs (generic, forms, unit, cns_depressant_class, abrupt_stop_dangerous) VALUES ('clobazam', '{tablet}', 'mg', 'benzodiazepine', true)`);
      await order('clobazam', { startDays: -15 });
      await order('methadone', { startDays: -15, discontinuedDaysAgo: 5 }); // stopped 5 days ago
      await order('buprenorphine', { startDays: -1 }); // started yesterday
      const results = [
        { analyte: 'benzodiazepines', result: 'positive' }, { analyte: 'methadone', result: 'positive' },
        { analyte: 'buprenorphine', result: 'positive' }, { analyte: 'opiates', result: 'positive' },
      ];
      // Recorded now about a contact 10 days ago: methadone was still active then, buprenorphine not yet.
      const tenDaysAgo = DateTime.now().minus({ days: 10 }).toISO() ?? '';
      const past = await as(clinician).post(checkInsUrl(id), {
        ...CHECK_IN, status: 'lapse', daysUsedLast30: 1, checkedInAt: tenDaysAgo,
        drugScreen: { collectedAt: tenDaysAgo, specimen: 'urine', results },
      }).expect(201);
      expect(past.body.drugScreen.results).toEqual([
        { analyte: 'benzodiazepines', result: 'positive', expected: true },
        { analyte: 'buprenorphine', result: 'positive', expected: false },
        { analyte: 'methadone', result: 'positive', expected: true },
        { analyte: 'opiates', result: 'positive', expected: false },
      ]);
      expect(past.body.drugScreen.unexpectedPositives).toEqual(['buprenorphine', 'opiates']);
      const now = await as(clinician).post(checkInsUrl(id), {
        ...CHECK_IN, status: 'lapse', daysUsedLast30: 1, drugScreen: { collectedAt: new Date().toISOString(), specimen: 'oral_fluid', results },
      }).expect(201);
      expect(now.body.drugScreen.unexpectedPositives).toEqual(['methadone', 'opiates']);
      const stored = (await t.db.query(
        `SELECT analyte, expected FROM drug_screen_results WHERE check_in_id = $1 ORDER BY analyte`, [now.body.id])) as unknown[];
      expect(stored).toEqual([
        { analyte: 'benzodiazepines', expected: true }, { analyte: 'buprenorphine', expected: true },
        { analyte: 'methadone', expected: false }, { analyte: 'opiates', expected: false },
      ]);
      const alerts = (await t.db.query(
        `SELECT reading_id AS "readingId", message FROM alerts WHERE patient_id = $1 AND rule = 'unexpected_positive_screen' ORDER BY message`,
        [id])) as unknown[];
      expect(alerts).toEqual([
        { readingId: past.body.id, message: 'Unexpected positive drug screen: buprenorphine, opiates' },
        { readingId: now.body.id, message: 'Unexpected positive drug screen: methadone, opiates' },
      ]);
    });

    it('a relapse alerts the care team; a second lapse within 30 days alerts the case manager', async () => {
      const { id } = await withPlan(daysFromToday(-60));
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, status: 'relapse', daysUsedLast30: 6 }).expect(201);
      const at = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISO() ?? '';
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, status: 'lapse', daysUsedLast30: 1, checkedInAt: at(-40) }).expect(201);
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, status: 'lapse', daysUsedLast30: 1, checkedInAt: at(-5) }).expect(201);
      expect(await t.count('alerts', `patient_id = $1 AND rule = 'repeated_lapse'`, [id])).toBe(0); // 35 days apart
      await as(caseManager).post(checkInsUrl(id), { ...CHECK_IN, status: 'lapse', daysUsedLast30: 2, checkedInAt: at(-1) }).expect(201);
      const rows = (await t.db.query(`SELECT rule, audience, category FROM alerts WHERE patient_id = $1 ORDER BY rule`, [id])) as unknown[];
      expect(rows).toEqual([
        { rule: 'relapse_reported', audience: 'care_team', category: 'clinical' },
        { rule: 'repeated_lapse', audience: 'case_manager', category: 'engagement' },
      ]);
    });
  });

  describe('re-entry', () => {
    const reEngage = (user: TestUser, id: string, body: object) => as(user).post(`/api/v1/patients/${id}/re-engage`, body);

    it('is not allowed under emergency access: re-engaging is a phase change for the care team (403, nothing changes)', async () => {
      const { id } = await withPlan(daysFromToday(-9));
      const doctor = await t.createUser('clinician');
      await as(doctor).post(`/api/v1/patients/${id}/emergency-access`, { reason: 'Patient in crisis at the front desk' }).expect(201);
      const res = await reEngage(doctor, id, { reason: 'relapse' }).expect(403);
      expect(res.body.detail).toContain('emergency access does not allow it');
      expect(await t.count('patients', `id = $1 AND phase = 'aftercare'`, [id])).toBe(1);
      expect(await t.count('follow_ups', `patient_id = $1 AND status = 'open'`, [id])).toBe(6);
      expect(await t.count('audit_events', `action = 'aftercare.re-engage' AND outcome = 'denied' AND user_id = $1 AND emergency_access`, [doctor.id])).toBe(1);
    });

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
         VALUES ($1, 'alcohol', $3, 4, 'moderate', $4, now() - interval '13 months', $2, now() - interval '13 months')`,
        [id, clinician.id, FOUR_CRITERIA, outsider.id],
      );
      await reEngage(clinician, id, { reason: 'relapse', to: 'outpatient' }).expect(409);
      expect(await t.count('patients', `id = $1 AND phase = 'aftercare'`, [id])).toBe(1);
      expect(await t.count('follow_ups', `patient_id = $1 AND status = 'open'`, [id])).toBe(6);
      await t.db.query(
        `INSERT INTO diagnoses (patient_id, substance, criteria, criteria_count, severity, recorded_by, confirmed_by, confirmed_at)
         VALUES ($1, 'alcohol', $3, 4, 'moderate', $4, $2, now())`,
        [id, clinician.id, FOUR_CRITERIA, outsider.id],
      );
      await reEngage(clinician, id, { reason: 'relapse', to: 'detox' }).expect(200);
      expect(await t.count('patients', `id = $1 AND phase = 'detox'`, [id])).toBe(1);
    });
    it('does not re-enter on a diagnosis superseded by a later confirmed one that found no disorder', async () => {
      const { id } = await withPlan(today());
      await t.db.query(
        `INSERT INTO diagnoses (patient_id, substance, criteria, criteria_count, severity, recorded_by, recorded_at, confirmed_by, confirmed_at)
         VALUES ($1, 'alcohol', $3, 4, 'moderate', $4, now() - interval '2 months', $2, now() - interval '2 months'),
                ($1, 'alcohol', '{"craving": true}', 1, 'none', $4, now() - interval '1 month', $2, now() - interval '1 month')`,
        [id, clinician.id, FOUR_CRITERIA, outsider.id],
      );
      const refused = await reEngage(clinician, id, { reason: 'relapse', to: 'outpatient' }).expect(409);
      expect(refused.body.type).toMatch(/gate-not-met$/);
      expect(await t.count('patients', `id = $1 AND phase = 'aftercare'`, [id])).toBe(1);
      expect(await t.count('follow_ups', `patient_id = $1 AND status = 'open'`, [id])).toBe(6);
    });
    it('applies the diagnosis rule to the plain phase route too: aftercare → outpatient without one is 409', async () => {
      const { id } = await withPlan(today());
      const res = await as(clinician).post(`/api/v1/patients/${id}/phase`, { to: 'outpatient', reason: 'relapse' }).expect(409);
      expect(res.body.gate).toBe('aftercare.re-entry-diagnosis');
      expect(await t.count('patients', `id = $1 AND phase = 'aftercare'`, [id])).toBe(1);
    });
    it('refers out instead of re-entering a patient whose latest level of care the program does not treat (3.7, 4)', async () => {
      const { id } = await withPlan(today());
      await t.db.query(
        `INSERT INTO diagnoses (patient_id, substance, criteria, criteria_count, severity, recorded_by, confirmed_by, confirmed_at)
         VALUES ($1, 'alcohol', $3, 4, 'moderate', $4, $2, now())`,
        [id, clinician.id, FOUR_CRITERIA, outsider.id],
      );
      const ratings = {
        d1_intoxication_withdrawal: 3, d2_biomedical: 3, d3_emotional_behavioral: 3,
        d4_readiness_to_change: 2, d5_relapse_potential: 4, d6_recovery_environment: 3,
      };
      for (const level of ['3.7', '4']) {
        await as(clinician).post(`/api/v1/patients/${id}/level-of-care`, { ratings, recommendedLevel: level }).expect(201);
        const byRoute = await as(clinician).post(`/api/v1/patients/${id}/phase`, { to: 'outpatient', reason: 'relapse' }).expect(409);
        expect(byRoute.body).toMatchObject({ type: expect.stringMatching(/gate-not-met$/), gate: 'screening.level-of-care' });
        expect(byRoute.body.detail).toContain(`level ${level}`);
        const byReEngage = await reEngage(clinician, id, { reason: 'relapse', to: 'detox' }).expect(409);
        expect(byReEngage.body.gate).toBe('screening.level-of-care');
      }
      expect(await t.count('patients', `id = $1 AND phase = 'aftercare'`, [id])).toBe(1);
      expect(await t.count('follow_ups', `patient_id = $1 AND status = 'open'`, [id])).toBe(6);
      expect(await t.count('patient_phase_changes', `patient_id = $1 AND from_phase = 'aftercare'`, [id])).toBe(0);
      // Reassessed at a level the program treats, the clinician can bring the patient back.
      await as(clinician).post(`/api/v1/patients/${id}/level-of-care`, { ratings, recommendedLevel: '2.1' }).expect(201);
      await reEngage(clinician, id, { reason: 'relapse', to: 'outpatient' }).expect(200);
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
