import { DateTime } from 'luxon';
import { CHECK_IN, checkInsUrl, PLAN, planUrl, today } from './support/aftercare-fixtures';
import { addToCareTeam, createPatient } from './support/factories';
import { booked, NY } from './support/sessions-fixtures';
import { createGroup } from './support/support-groups-fixtures';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

/** A discharge ends the patient's care everywhere, in one transaction; "deceased" is final. */
describe('discharge', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  const phaseUrl = (id: string) => `/api/v1/patients/${id}/phase`;
  const discharge = (id: string, dischargeReason = 'completed', user = caseManager) =>
    t.as(user).post(phaseUrl(id), { to: 'discharged', reason: 'finished the program', dischargeReason });

  async function teamPatient(phase: string): Promise<string> {
    const patient = await createPatient(t, caseManager);
    await addToCareTeam(t, patient.id, clinician);
    await t.db.query(`UPDATE patients SET phase = $2 WHERE id = $1`, [patient.id, phase]);
    return patient.id;
  }

  /** A confirmed mild disorder, which medication orders need (as in the detox fixtures). */
  const diagnosed = (id: string) => t.db.query(
    `INSERT INTO diagnoses (patient_id, substance, criteria, criteria_count, severity, recorded_by, confirmed_by, confirmed_at,
       confirmation_attestation)
     VALUES ($1, 'baclofen', '{"craving": true, "tolerance": true}', 2, 'mild', $2, $2, now(), 'Synthetic test diagnosis')`,
    [id, clinician.id],
  );

  const inDays = (days: number, hour: number) =>
    DateTime.now().setZone(NY).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  const slot = (days: number, hour: number) => ({
    startsAt: inDays(days, hour).toISO() as string, endsAt: inDays(days, hour + 1).toISO() as string,
  });

  describe('closes what the patient had open, in the same transaction', () => {
    it('cancels or leaves future sessions, frees group seats for the waitlist, discontinues orders and cancels follow-ups', async () => {
      const id = await teamPatient('outpatient');
      await diagnosed(id);
      const other = await teamPatient('outpatient');

      const own = await booked(t, caseManager, { ...slot(3, 10), clinicianIds: [clinician.id], patientIds: [id] });
      const shared = await booked(t, caseManager, { ...slot(4, 10), kind: 'group', clinicianIds: [clinician.id], patientIds: [id, other] });
      const group = await createGroup(t, clinician, [clinician.id], { capacity: 1 });
      await t.as(caseManager).post(`/api/v1/support-groups/${group.id}/members`, { patientId: id }).expect(201);
      const waiting = await t.as(caseManager).post(`/api/v1/support-groups/${group.id}/members`, { patientId: other }).expect(201);
      expect(waiting.body.status).toBe('waitlisted');
      const order = await t.as(clinician).post(`/api/v1/patients/${id}/medication-orders`)
        .send({ drug: 'baclofen', dose: 10, unit: 'mg', route: 'oral', timesOfDay: ['08:00', '20:00'], startDate: today() })
        .expect(201);
      await t.db.query(`UPDATE patients SET phase = 'aftercare' WHERE id = $1`, [id]);
      await t.as(caseManager).post(planUrl(id), { ...PLAN, startDate: today() }).expect(201);
      const openFollowUps = await t.count('follow_ups', `patient_id = $1 AND status = 'open'`, [id]);
      expect(openFollowUps).toBe(6);

      const res = await discharge(id).expect(200);
      expect(res.body).toMatchObject({ phase: 'discharged', dischargeReason: 'completed' });
      const closed = Object.fromEntries((res.body.closed as { effect: string; ids: string[] }[]).map((c) => [c.effect, c.ids]));
      expect(closed.sessions?.sort()).toEqual([own.id, shared.id].sort());
      expect(closed['medication-orders']).toEqual([order.body.id]);
      expect(closed['support-group-seats']).toHaveLength(1);
      expect(closed['follow-ups']).toHaveLength(6);

      const [ownRow] = await t.db.query(`SELECT status, cancelled_by, cancel_reason FROM sessions WHERE id = $1`, [own.id]);
      expect(ownRow).toMatchObject({ status: 'cancelled', cancelled_by: 'program', cancel_reason: expect.stringContaining('discharged') });
      const sharedPatients = await t.db.query(`SELECT patient_id::text FROM session_patients WHERE session_id = $1`, [shared.id]);
      expect(sharedPatients).toEqual([{ patient_id: other }]);
      expect(await t.count('sessions', `id = $1 AND status = 'scheduled'`, [shared.id])).toBe(1);

      const memberships = await t.db.query(
        `SELECT patient_id::text, status, promoted_from_waitlist FROM support_group_memberships WHERE group_id = $1 ORDER BY arrival`,
        [group.id],
      );
      expect(memberships).toEqual([
        { patient_id: id, status: 'left', promoted_from_waitlist: false },
        { patient_id: other, status: 'member', promoted_from_waitlist: true },
      ]);
      expect(await t.count('medication_orders', `id = $1 AND status = 'discontinued'`, [order.body.id])).toBe(1);
      // Baclofen is dangerous to stop abruptly: the clinicians hear that the discharge stopped it.
      const [stopped] = await t.db.query(
        `SELECT severity, audience FROM alerts WHERE patient_id = $1 AND rule = 'discharge_stopped_dangerous_drug'`, [id]);
      expect(stopped).toEqual({ severity: 'urgent', audience: 'clinician' });
      expect(await t.count('follow_ups', `patient_id = $1 AND status = 'open'`, [id])).toBe(0);
      expect(await t.count('follow_ups', `patient_id = $1 AND status = 'cancelled'`, [id])).toBe(6);
      const [event] = await t.db.query(
        `SELECT details FROM audit_events WHERE action = 'patient.change-phase' AND patient_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
        [id],
      );
      expect(event.details.closed).toEqual(res.body.closed);
    });

    it('leaves a session already under way and a past one alone', async () => {
      const id = await teamPatient('outpatient');
      const past = await booked(t, caseManager, { ...slot(2, 9), clinicianIds: [clinician.id], patientIds: [id] });
      await t.db.query(`UPDATE sessions SET starts_at = now() - interval '30 minutes', ends_at = now() + interval '30 minutes' WHERE id = $1`, [past.id]);
      const res = await discharge(id).expect(200);
      expect(res.body.closed.find((c: { effect: string }) => c.effect === 'sessions').ids).toEqual([]);
      expect(await t.count('sessions', `id = $1 AND status = 'scheduled'`, [past.id])).toBe(1);
    });
  });

  describe('no new care for a discharged patient', () => {
    it('refuses screenings, group seats, plans, check-ins and community meetings with 422, orders with 409, writing nothing', async () => {
      const id = await teamPatient('outpatient');
      await t.as(caseManager).post(planUrl(id), { ...PLAN, startDate: today() }).expect(201);
      const withoutPlan = await teamPatient('outpatient');
      const group = await createGroup(t, clinician, [clinician.id]);
      await discharge(id, 'administrative').expect(200);
      await discharge(withoutPlan, 'administrative').expect(200);
      const DISCHARGED = [422, 'patient-discharged'] as const;
      const attempts: [TestUser, string, Record<string, unknown>, string, readonly [number, string]][] = [
        [clinician, `/api/v1/patients/${id}/screenings`, { instrument: 'CAGE', answers: ['yes', 'no', 'yes', 'no'] }, 'screenings', DISCHARGED],
        [clinician, `/api/v1/patients/${id}/medication-orders`,
          { drug: 'baclofen', dose: 10, unit: 'mg', route: 'oral', asNeeded: true, startDate: today() }, 'medication_orders', [409, 'gate-not-met']],
        [caseManager, `/api/v1/support-groups/${group.id}/members`, { patientId: id }, 'support_group_memberships', DISCHARGED],
        [caseManager, planUrl(withoutPlan), { ...PLAN, startDate: today() }, 'aftercare_plans', DISCHARGED],
        [caseManager, checkInsUrl(id), CHECK_IN, 'check_ins', DISCHARGED],
        [caseManager, `/api/v1/patients/${id}/community-meetings`, { date: today(), kind: 'aa', name: 'Neighbourhood AA' }, 'community_meetings', DISCHARGED],
      ];
      for (const [user, url, body, table, [status, type]] of attempts) {
        const res = await t.as(user).post(url, body);
        expect({ url, status: res.status, type: res.body.type }).toEqual({ url, status, type: `https://outpatient-program.example/problems/${type}` });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(await t.count(table, 'patient_id = ANY($1::uuid[])', [[id, withoutPlan]])).toBe(table === 'aftercare_plans' ? 1 : 0);
      }
      const noPlan = await t.as(caseManager).post(checkInsUrl(withoutPlan), CHECK_IN).expect(422);
      expect(noPlan.body.type).toBe('https://outpatient-program.example/problems/patient-discharged');
      const scale = await t.as(clinician).put(`/api/v1/patients/${id}/spo2-scale`, { scale: 2, reason: 'Hypercapnic respiratory failure' });
      expect({ status: scale.status, type: scale.body.type }).toEqual({ status: 422, type: 'https://outpatient-program.example/problems/patient-discharged' });
      expect(await t.count('spo2_scale_prescriptions', 'patient_id = $1', [id])).toBe(0);
    });

    it('refuses moving a session under way at the discharge to a later day, and editing the aftercare plan', async () => {
      const id = await teamPatient('aftercare');
      const counsellor = await t.createUser('clinician');
      const now = DateTime.now();
      const underWay = await booked(t, caseManager, {
        startsAt: now.minus({ minutes: 10 }).toISO() as string, endsAt: now.plus({ minutes: 40 }).toISO() as string,
        clinicianIds: [counsellor.id], patientIds: [id],
      });
      const plan = await t.as(caseManager).post(planUrl(id), { ...PLAN, startDate: today() }).expect(201);
      await discharge(id).expect(200);

      const moved = await t.as(caseManager).patch(`/api/v1/sessions/${underWay.id}`, slot(6, 15), `"${underWay.version}"`);
      expect(moved.status).toBe(422);
      expect(moved.body.type).toBe('https://outpatient-program.example/problems/patient-discharged');
      expect(await t.count('sessions', `id = $1 AND starts_at < now() AND version = $2`, [underWay.id, underWay.version])).toBe(1);

      const etag = plan.headers.etag as string;
      const edited = await t.as(caseManager).patch(planUrl(id), { ...PLAN, goals: [{ text: 'Keep going', status: 'in_progress' }] }, etag);
      expect(edited.status).toBe(422);
      const optedOut = await t.as(caseManager).post(`${planUrl(id)}/opt-out`).set('If-Match', etag);
      expect(optedOut.status).toBe(422);
      expect(await t.count('aftercare_plans', `patient_id = $1 AND version = 1 AND opted_out_on IS NULL`, [id])).toBe(1);
      expect(await t.count('aftercare_plan_versions v JOIN aftercare_plans p ON p.id = v.plan_id', 'p.patient_id = $1', [id])).toBe(1);
    });

    it('accepts care again once the patient is re-admitted to screening', async () => {
      const id = await teamPatient('outpatient');
      await discharge(id, 'left_against_advice').expect(200);
      await t.as(caseManager).post(phaseUrl(id), { to: 'screening', reason: 'came back' }).expect(200);
      await t.as(clinician).post(`/api/v1/patients/${id}/screenings`, { instrument: 'CAGE', answers: ['yes', 'no', 'yes', 'no'] }).expect(201);
    });

    it('is enforced by PostgreSQL too: an insert for a discharged patient fails whoever makes it', async () => {
      const id = await teamPatient('outpatient');
      await discharge(id).expect(200);
      await expect(t.db.query(
        `INSERT INTO community_meetings (patient_id, occurred_on, kind, name, recorded_by) VALUES ($1, current_date, 'aa', 'AA', $2)`,
        [id, caseManager.id],
      )).rejects.toMatchObject({ code: 'PD001' });
    });
  });

  it('refuses a dischargeReason on a move that is not a discharge (400), writing nothing', async () => {
    const id = await teamPatient('outpatient');
    await discharge(id).expect(200);
    const res = await t.as(caseManager).post(phaseUrl(id), { to: 'screening', reason: 'came back', dischargeReason: 'deceased' }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'dischargeReason', message: 'is only for a move to discharged' }]);
    expect(await t.count('patients', `id = $1 AND phase = 'discharged' AND discharge_reason = 'completed'`, [id])).toBe(1);
  });

  describe('races', () => {
    it('a booking or a group seat racing a discharge is either closed by it or refused: nothing stays open', async () => {
      const group = await createGroup(t, clinician, [clinician.id], { capacity: 30 });
      for (let round = 0; round < 6; round++) {
        const id = await teamPatient('outpatient');
        const [moved, joined, bookedRes] = await Promise.all([
          discharge(id),
          t.as(caseManager).post(`/api/v1/support-groups/${group.id}/members`, { patientId: id }),
          t.as(caseManager).post('/api/v1/sessions').send({
            kind: 'individual', ...slot(5, 8 + round), clinicianIds: [clinician.id], patientIds: [id],
          }),
        ]);
        expect(moved.status).toBe(200);
        expect([201, 422]).toContain(joined.status);
        expect([201, 422]).toContain(bookedRes.status);
        expect(await t.count('support_group_memberships', `patient_id = $1 AND status <> 'left'`, [id])).toBe(0);
        expect(await t.count(
          'session_patients sp JOIN sessions s ON s.id = sp.session_id',
          `sp.patient_id = $1 AND s.status = 'scheduled'`, [id],
        )).toBe(0);
      }
    });
  });

  describe('deceased is final', () => {
    it('refuses any move out of a discharge as deceased, in the API and in the database', async () => {
      const id = await teamPatient('outpatient');
      await discharge(id, 'deceased', clinician).expect(200);
      const res = await t.as(caseManager).post(phaseUrl(id), { to: 'screening', reason: 'data entry' }).expect(409);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/invalid-transition$/), from: 'discharged', allowed: [] });
      expect(await t.count('patients', `id = $1 AND phase = 'discharged' AND discharge_reason = 'deceased'`, [id])).toBe(1);
      expect(await t.count('patient_phase_changes', `patient_id = $1 AND from_phase = 'discharged'`, [id])).toBe(0);
      await expect(t.db.query(`UPDATE patients SET phase = 'screening', discharge_reason = NULL WHERE id = $1`, [id]))
        .rejects.toMatchObject({ code: 'PD001' });
    });
  });

  describe('only a clinician moves a patient into treatment', () => {
    it.each(['detox', 'outpatient'])('refuses a case manager moving a patient into %s with 403, writing nothing', async (to) => {
      const id = await teamPatient(to === 'detox' ? 'outpatient' : 'aftercare');
      const before = await t.count('patient_phase_changes', 'patient_id = $1', [id]);
      const res = await t.as(caseManager).post(phaseUrl(id), { to, reason: 'relapse' }).expect(403);
      expect(res.body.detail).toContain('clinician');
      expect(await t.count('patient_phase_changes', 'patient_id = $1', [id])).toBe(before);
      expect(await t.count('patients', `id = $1 AND phase = $2`, [id, to])).toBe(0);
    });
  });
});
