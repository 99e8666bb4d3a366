import { DateTime } from 'luxon';
import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { addToCareTeam } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { detoxPatient, startEpisode } from './support/detox-fixtures';

const ZONE = 'America/New_York';
const HOUR = 3600_000;
const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const today = () => DateTime.now().setZone(ZONE).toISODate() as string;
const daysAgo = (days: number) => DateTime.now().setZone(ZONE).minus({ days }).toISODate() as string;

describe('detox medication: orders, tapers, administrations under a rolling 24-hour maximum', () => {
  let t: TestApp;
  let clinician: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const ordersUrl = (patientId: string) => `/api/v1/patients/${patientId}/medication-orders`;
  const givenUrl = (patientId: string) => `/api/v1/patients/${patientId}/medication-administrations`;

  async function patient(): Promise<string> {
    const p = await detoxPatient(t, clinician);
    await startEpisode(t, clinician, p.id, { substances: ['baclofen'] });
    return p.id;
  }

  async function order(patientId: string, body: Record<string, unknown> = {}): Promise<{ id: string; maxDosePer24h: number }> {
    const res = await t.as(clinician).post(ordersUrl(patientId)).send({
      drug: 'baclofen', dose: 80, unit: 'mg', route: 'oral', asNeeded: true, startDate: daysAgo(3), ...body,
    });
    if (res.status !== 201) throw new Error(`order failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; maxDosePer24h: number };
  }

  const give = (patientId: string, body: Record<string, unknown>, user = clinician) =>
    t.as(user).post(givenUrl(patientId)).send(body);

  const totalGiven = async (orderId: string) => {
    const [row] = await t.db.query(`SELECT coalesce(sum(dose), 0)::float8 AS total FROM medication_administrations WHERE order_id = $1`, [orderId]);
    return row.total as number;
  };

  describe('orders', () => {
    it("defaults baclofen's maximum to 80 mg per 24 hours", async () => {
      const patientId = await patient();
      const res = await t.as(clinician).post(ordersUrl(patientId))
        .send({ drug: ' Baclofen ', dose: 10, unit: 'mg', route: 'oral', timesOfDay: ['08:00', '14:00', '20:00'], startDate: today() })
        .expect(201);
      expect(res.body).toMatchObject({
        drug: 'baclofen', dose: 10, unit: 'mg', route: 'oral', asNeeded: false, timesOfDay: ['08:00', '14:00', '20:00'],
        maxDosePer24h: 80, maxDoseSource: 'default', status: 'active', orderedBy: clinician.id, scheduledDoseCount: 0,
        taper: null,
      });
      const explicit = await order(patientId, { drug: 'baclofen', dose: 10, maxDosePer24h: 40 });
      expect(explicit.maxDosePer24h).toBe(40);
      expect(await t.count('audit_events', `action = 'medication-order.create' AND patient_id = $1`, [patientId])).toBe(2);
    });

    it('refuses a scheduled baclofen order that stops at full dose (422 unsafe_taper) unless knowingly overridden', async () => {
      const patientId = await patient();
      const stop = { drug: 'baclofen', dose: 25, unit: 'mg', route: 'oral', timesOfDay: ['08:00', '14:00', '20:00'], startDate: today(), endDate: today() };
      const refused = await t.as(clinician).post(ordersUrl(patientId)).send(stop).expect(422);
      expect(refused.body).toMatchObject({ type: 'https://outpatient-program.example/problems/unsafe-taper', findings: [{ code: 'abrupt_stop' }] });
      expect(await t.count('medication_orders', 'patient_id = $1', [patientId])).toBe(0);
      const overridden = await t.as(clinician).post(ordersUrl(patientId))
        .send({ ...stop, taperOverrideReason: 'Changing to intrathecal baclofen tomorrow' }).expect(201);
      expect(overridden.body.taperOverrideReason).toBe('Changing to intrathecal baclofen tomorrow');
    });

    it('refuses a replacement that cuts baclofen more steeply than a safe taper (60 to 5 mg a day) unless overridden', async () => {
      const patientId = await patient();
      const scheduled = { asNeeded: false, timesOfDay: ['08:00', '14:00', '20:00'], startDate: today() };
      const first = await order(patientId, { ...scheduled, dose: 20 });
      const cut = { drug: 'baclofen', unit: 'mg', route: 'oral', ...scheduled, dose: 5, timesOfDay: ['08:00'], replacesOrderId: first.id };
      const refused = await t.as(clinician).post(ordersUrl(patientId)).send(cut).expect(422);
      expect(refused.body).toMatchObject({
        type: 'https://outpatient-program.example/problems/unsafe-taper', findings: [{ code: 'replacement_drop_too_large' }],
      });
      expect(refused.body.detail).toContain('from 60 to 5 mg a day');
      // Switching a scheduled order to as-needed is the same cut.
      await t.as(clinician).post(ordersUrl(patientId))
        .send({ ...cut, timesOfDay: undefined, asNeeded: true, dose: 20 }).expect(422);
      expect(await t.count('medication_orders', `patient_id = $1 AND status = 'active'`, [patientId])).toBe(1);
      expect(await t.count('medication_orders', 'patient_id = $1', [patientId])).toBe(1);

      const overridden = await t.as(clinician).post(ordersUrl(patientId))
        .send({ ...cut, taperOverrideReason: 'Baclofen toxicity on review' }).expect(201);
      expect(overridden.body).toMatchObject({
        taperOverrideReason: 'Baclofen toxicity on review', alerts: [expect.objectContaining({ rule: 'order_taper_override' })],
      });
      // A step within the safe share (60 to 45 mg a day) needs no reason.
      const second = await order(patientId, { ...scheduled, dose: 20 });
      await t.as(clinician).post(ordersUrl(patientId))
        .send({ ...cut, dose: 15, timesOfDay: scheduled.timesOfDay, replacesOrderId: second.id }).expect(201);
    });

    it('alerts when a scheduled baclofen order is stopped before its schedule ended, not when a baclofen order replaces it', async () => {
      const patientId = await patient();
      const scheduled = { dose: 10, asNeeded: false, timesOfDay: ['08:00', '20:00'], startDate: today() };
      const stopAlerts = () => t.count('alerts', `patient_id = $1 AND rule = 'dangerous_drug_stopped'`, [patientId]);

      const first = await order(patientId, scheduled);
      const replaced = await t.as(clinician).post(ordersUrl(patientId))
        .send({ drug: 'baclofen', unit: 'mg', route: 'oral', ...scheduled, dose: 7.5, replacesOrderId: first.id }).expect(201);
      expect(replaced.body.alerts).toEqual([]);
      expect(await stopAlerts()).toBe(0);

      const stopped = await t.as(clinician).post(`${ordersUrl(patientId)}/${replaced.body.id}/discontinue`)
        .send({ reason: 'Drowsy on review' }).expect(200);
      expect(stopped.body).toMatchObject({
        status: 'discontinued', alerts: [expect.objectContaining({ rule: 'dangerous_drug_stopped', severity: 'urgent' })],
      });
      const [alert] = await t.db.query(`SELECT reading FROM alerts WHERE patient_id = $1 AND rule = 'dangerous_drug_stopped'`, [patientId]);
      expect(alert.reading).toMatchObject({ kind: 'medication_order', orderId: replaced.body.id, drug: 'baclofen' });

      // As-needed baclofen and non-dangerous drugs stop without one.
      const prn = await order(patientId, { dose: 10 });
      const prnStopped = await t.as(clinician).post(`${ordersUrl(patientId)}/${prn.id}/discontinue`)
        .send({ reason: 'Not needed' }).expect(200);
      expect(prnStopped.body.alerts).toEqual([]);
      expect(await stopAlerts()).toBe(1);
    });

    it("refuses a route none of the drug's forms allows (baclofen tablets and oral liquids are not given intravenously)", async () => {
      const patientId = await patient();
      for (const route of ['intravenous', 'intramuscular', 'sublingual']) {
        const res = await t.as(clinician).post(ordersUrl(patientId))
          .send({ drug: 'Lioresal', dose: 10, unit: 'mg', route, asNeeded: true, startDate: today() }).expect(400);
        expect(res.body.errors).toEqual([{ field: 'route', message: expect.stringContaining('oral') }]);
      }
      expect(await t.count('medication_orders', 'patient_id = $1', [patientId])).toBe(0);
    });

    it('answers 400, never 500, for amounts JavaScript writes in exponent form', async () => {
      const patientId = await patient();
      for (const dose of [1e-7, 5e-324]) {
        const res = await t.as(clinician).post(ordersUrl(patientId))
          .send({ drug: 'baclofen', dose, unit: 'mg', route: 'oral', asNeeded: true, startDate: today() }).expect(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'dose' })]);
      }
      expect(await t.count('medication_orders', 'patient_id = $1', [patientId])).toBe(0);
    });

    it('refuses an order without a documented maximum or whose schedule exceeds it, and writes nothing', async () => {
      const patientId = await patient();
      const noMax = await t.as(clinician).post(ordersUrl(patientId))
        .send({ drug: 'diazepam', dose: 10, unit: 'mg', route: 'oral', asNeeded: true, startDate: today() }).expect(400);
      expect(noMax.body.errors).toEqual([expect.objectContaining({ field: 'maxDosePer24h' })]);
      const tooMuch = await t.as(clinician).post(ordersUrl(patientId))
        .send({ drug: 'baclofen', dose: 30, unit: 'mg', route: 'oral', timesOfDay: ['08:00', '14:00', '20:00'], startDate: today() })
        .expect(422);
      expect(tooMuch.body).toMatchObject({ type: 'https://outpatient-program.example/problems/dose-limit-exceeded', limit: 80, scheduledDailyTotal: 90, unit: 'mg' });
      const both = await t.as(clinician).post(ordersUrl(patientId))
        .send({ drug: 'baclofen', dose: 5, unit: 'mg', route: 'oral', timesOfDay: ['08:00'], asNeeded: true, startDate: today() })
        .expect(400);
      expect(both.body.errors[0].field).toBe('timesOfDay');
      const badUnit = await t.as(clinician).post(ordersUrl(patientId))
        .send({ drug: 'baclofen', dose: 5, unit: 'tablets', route: 'oral', asNeeded: true, startDate: today() }).expect(400);
      expect(badUnit.body.errors[0].field).toBe('unit');
      expect(await t.count('medication_orders', 'patient_id = $1', [patientId])).toBe(0);
    });

    it('generates the dated taper schedule at local wall-clock times across daylight saving', async () => {
      const patientId = await patient();
      const res = await t.as(clinician).post(ordersUrl(patientId)).send({
        drug: 'baclofen', unit: 'mg', route: 'oral', timesOfDay: ['20:00', '08:00'], startDate: '2027-03-12',
        taper: { startDose: 20, stepDown: 5, everyDays: 2, floor: 0 },
      }).expect(201);
      expect(res.body).toMatchObject({ dose: 20, scheduledDoseCount: 16, taper: { startDose: 20, stepDown: 5, everyDays: 2, floor: 0 } });
      const rows = await t.db.query(
        `SELECT dose::float8 AS dose, day_number, scheduled_at FROM medication_scheduled_doses WHERE order_id = $1 ORDER BY scheduled_at`,
        [res.body.id],
      );
      expect(rows.map((r: { dose: number }) => r.dose)).toEqual([20, 20, 20, 20, 15, 15, 15, 15, 10, 10, 10, 10, 5, 5, 5, 5]);
      expect(rows[0].scheduled_at.toISOString()).toBe('2027-03-12T13:00:00.000Z'); // 08:00 EST
      expect(rows[6].scheduled_at.toISOString()).toBe('2027-03-15T12:00:00.000Z'); // 08:00 EDT, after the change on Mar 14
      const schedule = await t.as(clinician).get(`${ordersUrl(patientId)}/${res.body.id}/scheduled-doses`).expect(200);
      expect(schedule.body).toHaveLength(16);
      expect(schedule.body.map((d: { scheduledLocal: string }) => d.scheduledLocal.slice(11, 16))).toEqual(
        Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? '08:00' : '20:00')),
      );
      expect(schedule.body[15]).toMatchObject({ dayNumber: 8, dose: 5, unit: 'mg', status: 'upcoming', administrationId: null });
    });

    it('refuses an invalid taper with a 400 naming the field', async () => {
      const patientId = await patient();
      const res = await t.as(clinician).post(ordersUrl(patientId)).send({
        drug: 'baclofen', unit: 'mg', route: 'oral', timesOfDay: ['08:00'], startDate: today(),
        taper: { startDose: 20, stepDown: 5, everyDays: 2, floor: 30 },
      }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'taper.floor' })]);
      expect(await t.count('medication_orders', 'patient_id = $1', [patientId])).toBe(0);
    });

    it('changes an order only by discontinuing it and ordering again', async () => {
      const patientId = await patient();
      const first = await order(patientId);
      const replaced = await t.as(clinician).post(ordersUrl(patientId)).send({
        drug: 'baclofen', dose: 5, unit: 'mg', route: 'oral', asNeeded: true, startDate: today(), replacesOrderId: first.id,
      }).expect(201);
      expect(replaced.body.replacesOrderId).toBe(first.id);
      const old = await t.as(clinician).get(`${ordersUrl(patientId)}/${first.id}`).expect(200);
      expect(old.body).toMatchObject({ status: 'discontinued', discontinuedBy: clinician.id, discontinueReason: 'Replaced by a new order.' });
      const stopped = await t.as(clinician).post(`${ordersUrl(patientId)}/${replaced.body.id}/discontinue`)
        .send({ reason: 'Withdrawal resolved' }).expect(200);
      expect(stopped.body.status).toBe('discontinued');
      const again = await t.as(clinician).post(`${ordersUrl(patientId)}/${replaced.body.id}/discontinue`).send({ reason: 'again' }).expect(409);
      expect(again.body.type).toBe('https://outpatient-program.example/problems/order-already-discontinued');
      const refused = await give(patientId, { orderId: replaced.body.id, dose: 5, givenAt: new Date().toISOString() }).expect(422);
      expect(refused.body).toMatchObject({ type: 'https://outpatient-program.example/problems/outside-order', reason: 'outside_order' });
      await expect(t.db.query(`UPDATE medication_orders SET dose = 1 WHERE id = $1`, [first.id])).rejects.toThrow(/only be discontinued/);
      const active = await t.as(clinician).get(ordersUrl(patientId)).query({ status: 'active' }).expect(200);
      expect(active.body).toEqual([]);
      expect(await t.count('medication_administrations', 'patient_id = $1', [patientId])).toBe(0);
    });
  });

  describe('administrations', () => {
    it('refuses a dose above the ordered dose (422) unless a clinician overrides it with a reason, which is alerted', async () => {
      const patientId = await patient();
      const prn = await order(patientId, { dose: 10 });
      const refused = await give(patientId, { orderId: prn.id, dose: 60, givenAt: new Date().toISOString() }).expect(422);
      expect(refused.body).toMatchObject({ type: expect.stringContaining('dose-above-order'), orderedDose: 10, proposedDose: 60, unit: 'mg' });
      expect(await totalGiven(prn.id)).toBe(0);
      await give(patientId, { orderId: prn.id, dose: 10, givenAt: ago(HOUR) }).expect(201);
      const overridden = await give(patientId, {
        orderId: prn.id, dose: 15, givenAt: new Date().toISOString(), override: { reason: 'Attending approved a one-off 15 mg' },
      }).expect(201);
      expect(overridden.body).toMatchObject({ dose: 15, override: { reason: 'Attending approved a one-off 15 mg' } });
      expect(await totalGiven(prn.id)).toBe(25);
      expect(await t.count('alerts', `patient_id = $1 AND rule = 'dose_above_order_override'`, [patientId])).toBe(1);
    });

    it('refuses a dose that would exceed 80 mg in a rolling 24 hours (422 naming the limit and amount given) and writes nothing', async () => {
      const patientId = await patient();
      const baclofen = await order(patientId);
      await give(patientId, { orderId: baclofen.id, dose: 30, givenAt: ago(20 * HOUR) }).expect(201);
      const second = await give(patientId, { orderId: baclofen.id, dose: 30, givenAt: ago(5 * HOUR) }).expect(201);
      expect(second.body).toMatchObject({ dose: 30, unit: 'mg', rollingTotal: 60, limitPer24h: 80, override: null, givenBy: clinician.id });

      const auditsBefore = await t.count('audit_events', `action = 'medication-administration.create' AND patient_id = $1`, [patientId]);
      const refused = await give(patientId, { orderId: baclofen.id, dose: 30, givenAt: new Date().toISOString() }).expect(422);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({
        type: expect.stringContaining('dose-limit-exceeded'), status: 422, limit: 80, alreadyGiven: 60, unit: 'mg', proposedDose: 30,
      });
      expect(await totalGiven(baclofen.id)).toBe(60);
      expect(await t.count('audit_events', `action = 'medication-administration.create' AND patient_id = $1`, [patientId])).toBe(auditsBefore);
      expect(await t.count('alerts', `patient_id = $1`, [patientId])).toBe(0);

      await give(patientId, { orderId: baclofen.id, dose: 20, givenAt: new Date().toISOString() }).expect(201);
      expect(await totalGiven(baclofen.id)).toBe(80);
    });

    it('checks every 24-hour window containing a late-recorded dose, and counts all orders of the drug', async () => {
      const patientId = await patient();
      const scheduled = await order(patientId);
      const prn = await order(patientId);
      await give(patientId, { orderId: scheduled.id, dose: 40, givenAt: ago(30 * HOUR) }).expect(201);
      await give(patientId, { orderId: prn.id, dose: 40, givenAt: ago(2 * HOUR) }).expect(201);
      // Recorded late at 12 hours ago: the window ending 2 hours ago would hold 40 + 50 = 90 mg.
      const late = await give(patientId, { orderId: scheduled.id, dose: 50, givenAt: ago(12 * HOUR) }).expect(422);
      expect(late.body).toMatchObject({ limit: 80, alreadyGiven: 40 });
      await give(patientId, { orderId: scheduled.id, dose: 40, givenAt: ago(12 * HOUR) }).expect(201);
    });

    it('applies the lowest maximum among the orders for the drug, so a second order cannot lift the limit', async () => {
      const patientId = await patient();
      const standard = await order(patientId);
      const generous = await order(patientId, {
        drug: 'Baclofen ', maxDosePer24h: 300, maxDoseOverrideReason: 'Specialist-supervised high-dose protocol',
      });
      for (let i = 4; i >= 1; i -= 1) await give(patientId, { orderId: standard.id, dose: 20, givenAt: ago(i * HOUR) }).expect(201);
      const refused = await give(patientId, { orderId: generous.id, dose: 20, givenAt: new Date().toISOString() }).expect(422);
      expect(refused.body).toMatchObject({ limit: 80, alreadyGiven: 80 });
      expect(await totalGiven(generous.id)).toBe(0);
    });

    it('gives above the maximum on an override with a reason, stores it and raises an alert', async () => {
      const patientId = await patient();
      const baclofen = await order(patientId);
      await give(patientId, { orderId: baclofen.id, dose: 80, givenAt: ago(HOUR) }).expect(201);
      const res = await give(patientId, {
        orderId: baclofen.id, dose: 10, givenAt: new Date().toISOString(), override: { reason: 'Attending approved: spasticity crisis' },
      }).expect(201);
      expect(res.body).toMatchObject({ rollingTotal: 90, limitPer24h: 80, override: { reason: 'Attending approved: spasticity crisis' } });
      expect(res.body.alerts).toEqual([expect.objectContaining({ rule: 'dose_limit_override', severity: 'urgent' })]);
      const [row] = await t.db.query(`SELECT override_reason, rolling_total::float8 AS total FROM medication_administrations WHERE id = $1`, [res.body.id]);
      expect(row).toEqual({ override_reason: 'Attending approved: spasticity crisis', total: 90 });
      const [alert] = await t.db.query(`SELECT rule, reading_id, reading FROM alerts WHERE patient_id = $1`, [patientId]);
      expect(alert).toMatchObject({ rule: 'dose_limit_override', reading_id: res.body.id, reading: { rollingTotal: 90, limit: 80 } });
      const emptyReason = await give(patientId, { orderId: baclofen.id, dose: 10, givenAt: new Date().toISOString(), override: { reason: '' } }).expect(400);
      expect(emptyReason.body.errors[0].field).toBe('override.reason');
      expect(await totalGiven(baclofen.id)).toBe(90);
    });

    it('lets exactly the allowed number of parallel last doses succeed, so the total never exceeds the maximum', async () => {
      const patientId = await patient();
      const baclofen = await order(patientId);
      await give(patientId, { orderId: baclofen.id, dose: 40, givenAt: ago(3 * HOUR) }).expect(201);
      const nurses = await Promise.all([1, 2, 3, 4, 5].map(() => t.createUser('clinician')));
      for (const nurse of nurses) await addToCareTeam(t, patientId, nurse);
      const givenAt = new Date().toISOString();
      const results = await Promise.all(nurses.map((nurse) => give(patientId, { orderId: baclofen.id, dose: 20, givenAt }, nurse)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 422, 422, 422]);
      for (const refused of results.filter((r) => r.status === 422)) expect(refused.body).toMatchObject({ limit: 80, alreadyGiven: 80 });
      expect(await totalGiven(baclofen.id)).toBe(80);
    });

    it('holds the limit when parallel doses go through two orders of the same drug', async () => {
      const patientId = await patient();
      const a = await order(patientId);
      const b = await order(patientId);
      await give(patientId, { orderId: a.id, dose: 60, givenAt: ago(HOUR) }).expect(201);
      const givenAt = new Date().toISOString();
      const results = await Promise.all([a, b, a, b, a, b].map((o) => give(patientId, { orderId: o.id, dose: 10, givenAt })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(2);
      expect(results.filter((r) => r.status === 422)).toHaveLength(4);
      expect((await totalGiven(a.id)) + (await totalGiven(b.id))).toBe(80);
    });

    it('honours Idempotency-Key: a retried dose is recorded once, even when retries race', async () => {
      const patientId = await patient();
      const baclofen = await order(patientId);
      const body = { orderId: baclofen.id, dose: 10, givenAt: new Date().toISOString() };
      const first = await t.as(clinician).post(givenUrl(patientId)).set('Idempotency-Key', 'dose-1').send(body).expect(201);
      const retry = await t.as(clinician).post(givenUrl(patientId)).set('Idempotency-Key', 'dose-1').send(body).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const burst = await Promise.all([1, 2, 3, 4].map(() =>
        t.as(clinician).post(givenUrl(patientId)).set('Idempotency-Key', 'dose-2').send({ ...body, dose: 5 })));
      expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
      expect(await t.count('medication_administrations', 'order_id = $1', [baclofen.id])).toBe(2);
      expect(await totalGiven(baclofen.id)).toBe(15);
    });

    it('refuses doses in the future, for another patient\'s order, or by case managers and admins, writing nothing', async () => {
      const patientId = await patient();
      const baclofen = await order(patientId);
      const other = await patient();
      const future = await give(patientId, { orderId: baclofen.id, dose: 5, givenAt: new Date(Date.now() + HOUR).toISOString() }).expect(400);
      expect(future.body.errors[0].field).toBe('givenAt');
      const wrongPatient = await give(other, { orderId: baclofen.id, dose: 5, givenAt: new Date().toISOString() }).expect(400);
      expect(wrongPatient.body.errors[0].field).toBe('orderId');
      const caseManager = await t.createUser('case_manager');
      const admin = await t.createUser('admin');
      await addToCareTeam(t, patientId, caseManager);
      await give(patientId, { orderId: baclofen.id, dose: 5, givenAt: new Date().toISOString() }, caseManager).expect(403);
      await t.as(caseManager).get(givenUrl(patientId)).expect(403);
      await t.as(caseManager).get(ordersUrl(patientId)).expect(403);
      await t.as(caseManager).post(ordersUrl(patientId))
        .send({ drug: 'baclofen', dose: 5, unit: 'mg', route: 'oral', asNeeded: true, startDate: today() }).expect(403);
      await give(patientId, { orderId: baclofen.id, dose: 5, givenAt: new Date().toISOString() }, admin).expect(403);
      await t.as(admin).get(ordersUrl(patientId)).expect(403);
      expect(await t.count('medication_administrations', 'patient_id IN ($1, $2)', [patientId, other])).toBe(0);
      expect(await t.count('medication_orders', 'patient_id = $1', [patientId])).toBe(1);
    });

    it('lists administrations in time order', async () => {
      const patientId = await patient();
      const baclofen = await order(patientId);
      await give(patientId, { orderId: baclofen.id, dose: 5, givenAt: ago(HOUR) }).expect(201);
      await give(patientId, { orderId: baclofen.id, dose: 10, givenAt: ago(3 * HOUR) }).expect(201);
      const res = await t.as(clinician).get(givenUrl(patientId)).query({ orderId: baclofen.id }).expect(200);
      expect(res.body.items.map((a: { dose: number }) => a.dose)).toEqual([10, 5]);
    });
  });

  describe('missed tapered doses', () => {
    /**
     * The taper starts on its first dose's date and that dose is given now: in the last minutes before
     * midnight (program zone) its doses would fall tomorrow, so now would be before the order starts
     * (a rightful 422). Wait until the day has turned.
     */
    async function waitUntilTheDayHoldsTheDoses() {
      const now = DateTime.now().setZone(ZONE);
      const lastDose = now.startOf('minute').plus({ minutes: 3 });
      if (lastDose.toISODate() !== now.toISODate()) {
        await new Promise((resolve) => setTimeout(resolve, lastDose.startOf('day').diff(now).toMillis() + 1000));
      }
    }

    /** Test timeout leaving room for waitUntilTheDayHoldsTheDoses (at most about 3 minutes). */
    const WAIT_FOR_MIDNIGHT = 5 * MINUTE;

    /** A taper whose first two doses fall one and two minutes after the next whole minute from now. */
    async function taperStartingNow(patientId: string) {
      await waitUntilTheDayHoldsTheDoses();
      const first = DateTime.now().setZone(ZONE).startOf('minute').plus({ minutes: 2 });
      const second = first.plus({ minutes: 1 });
      const res = await t.as(clinician).post(ordersUrl(patientId)).send({
        drug: 'baclofen', unit: 'mg', route: 'oral', startDate: first.toISODate(),
        timesOfDay: [first.toFormat('HH:mm'), second.toFormat('HH:mm')],
        taper: { startDose: 10, stepDown: 5, everyDays: 1, floor: 0 }, taperOverrideReason: 'Two-day taper after one week on 5 mg',
      }).expect(201);
      const doses = await t.db.query(
        `SELECT id, scheduled_at FROM medication_scheduled_doses WHERE order_id = $1 ORDER BY scheduled_at`,
        [res.body.id],
      );
      return { orderId: res.body.id as string, doses: doses as { id: string; scheduled_at: Date }[] };
    }

    const missed = (patientId: string) =>
      t.db.query(`SELECT reading_id, severity, dedupe_key FROM alerts WHERE patient_id = $1 AND rule = 'missed_dose' ORDER BY raised_at`, [patientId]);

    it('raises one alert per scheduled dose not given within the 2-hour grace period', async () => {
      const patientId = await patient();
      const { orderId, doses } = await taperStartingNow(patientId);
      expect(doses).toHaveLength(4); // two times a day, 10 mg then 5 mg
      const [first, second] = doses as [{ id: string; scheduled_at: Date }, { id: string; scheduled_at: Date }];
      // The first dose is given now (a minute or two early), which fulfils it.
      const given = await give(patientId, { orderId, dose: 10, givenAt: new Date().toISOString() }).expect(201);
      expect(given.body.scheduledDoseId).toBe(first.id);

      const jobs = t.app.get(JobRunner);
      const at = (ms: number) => new Date(second.scheduled_at.getTime() + ms);
      expect(await jobs.runNow('detox.missed-doses', at(2 * HOUR - MINUTE))).toBe(true);
      expect(await missed(patientId)).toEqual([]);
      await jobs.runNow('detox.missed-doses', at(2 * HOUR + MINUTE));
      await jobs.runNow('detox.missed-doses', at(3 * HOUR));
      expect(await missed(patientId)).toEqual([
        { reading_id: second.id, severity: 'urgent', dedupe_key: `detox:missed-dose:${second.id}` },
      ]);
      const schedule = await t.as(clinician).get(`${ordersUrl(patientId)}/${orderId}/scheduled-doses`).expect(200);
      expect(schedule.body[0]).toMatchObject({ status: 'given', administrationId: given.body.id });
    }, WAIT_FOR_MIDNIGHT);

    it('does not count doses after the order was discontinued as missed', async () => {
      const patientId = await patient();
      const { orderId, doses } = await taperStartingNow(patientId);
      await t.as(clinician).post(`${ordersUrl(patientId)}/${orderId}/discontinue`).send({ reason: 'Switched drug' }).expect(200);
      const last = doses[doses.length - 1] as { scheduled_at: Date };
      await t.app.get(JobRunner).runNow('detox.missed-doses', new Date(last.scheduled_at.getTime() + 3 * HOUR));
      expect(await missed(patientId)).toEqual([]);
      const schedule = await t.as(clinician).get(`${ordersUrl(patientId)}/${orderId}/scheduled-doses`).expect(200);
      expect(schedule.body.map((d: { status: string }) => d.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    }, WAIT_FOR_MIDNIGHT);

    it('does not alert for a missed dose of a fixed schedule of a drug whose abrupt stop is not dangerous', async () => {
      const patientId = await patient();
      const first = DateTime.now().setZone(ZONE).startOf('minute').plus({ minutes: 2 });
      const res = await t.as(clinician).post(ordersUrl(patientId)).send({
        drug: 'lofexidine', dose: 0.18, unit: 'mg', route: 'oral', startDate: first.toISODate(), endDate: first.toISODate(),
        timesOfDay: [first.toFormat('HH:mm')],
      }).expect(201);
      expect(res.body.scheduledDoseCount).toBe(1);
      await t.app.get(JobRunner).runNow('detox.missed-doses', new Date(first.toMillis() + 3 * HOUR));
      expect(await missed(patientId)).toEqual([]);
    });
  });
});
