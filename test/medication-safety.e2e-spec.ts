import { DateTime } from 'luxon';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { detoxPatient } from './support/detox-fixtures';

const ZONE = 'America/New_York';
const HOUR = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const daysAgo = (days: number) => DateTime.now().setZone(ZONE).minus({ days }).toISODate() as string;

/**
 * The clinical review's medication cases (issue 11): each sends the request that
 * used to slip through and asserts the safe answer and what the database holds.
 */
describe('medication safety: drug table, labelled ceiling, liquids, contraindications, safe tapers', () => {
  let t: TestApp;
  let clinician: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  const ordersUrl = (patientId: string) => `/api/v1/patients/${patientId}/medication-orders`;
  const orderBody = (body: Record<string, unknown> = {}) => ({
    drug: 'baclofen', dose: 80, unit: 'mg', route: 'oral', asNeeded: true, startDate: daysAgo(3), ...body,
  });
  const postOrder = (patientId: string, body: Record<string, unknown> = {}) =>
    t.as(clinician).post(ordersUrl(patientId)).send(orderBody(body));
  const give = (patientId: string, body: Record<string, unknown>) =>
    t.as(clinician).post(`/api/v1/patients/${patientId}/medication-administrations`).send(body);
  const orders = (patientId: string) => t.count('medication_orders', 'patient_id = $1', [patientId]);
  const alertRules = async (patientId: string) =>
    ((await t.db.query(`SELECT rule FROM alerts WHERE patient_id = $1 ORDER BY raised_at`, [patientId])) as { rule: string }[])
      .map((r) => r.rule);
  const patient = async (overrides: Record<string, unknown> = {}) => (await detoxPatient(t, clinician, overrides)).id;

  describe('a baclofen ceiling that cannot be bypassed', () => {
    it('refuses a maximum of 300 mg per 24 hours without an override reason, and writes nothing', async () => {
      const patientId = await patient();
      const res = await postOrder(patientId, { maxDosePer24h: 300 }).expect(422);
      expect(res.body).toMatchObject({ limit: 80, orderedMaximum: 300, unit: 'mg' });
      expect(res.body.detail).toContain('maxDoseOverrideReason');
      expect(await orders(patientId)).toBe(0);
      expect(await alertRules(patientId)).toEqual([]);
    });

    it('orders above the labelled maximum only with a reason, which is stored, audited and alerted to clinicians', async () => {
      const patientId = await patient();
      const res = await postOrder(patientId, { maxDosePer24h: 120, maxDoseOverrideReason: 'Spasticity specialist plan' }).expect(201);
      expect(res.body).toMatchObject({
        maxDosePer24h: 120, defaultMaxPer24h: 80, maxDoseSource: 'ordered', maxDoseOverrideReason: 'Spasticity specialist plan',
        alerts: [expect.objectContaining({ rule: 'order_max_above_label', severity: 'urgent' })],
      });
      const [alert] = await t.db.query(`SELECT audience, reading_id FROM alerts WHERE patient_id = $1`, [patientId]);
      expect(alert).toEqual({ audience: 'clinician', reading_id: res.body.id });
      const [audit] = await t.db.query(
        `SELECT details FROM audit_events WHERE action = 'medication-order.create' AND patient_id = $1`, [patientId]);
      expect(audit.details.overrides).toEqual(['order_max_above_label']);
      // The database refuses the same row without a reason.
      await expect(t.db.query(
        `UPDATE medication_orders SET max_dose_override_reason = NULL WHERE id = $1`, [res.body.id],
      )).rejects.toThrow();
    });

    it('resolves brand names and strength suffixes to the generic, so the default maximum and the shared rolling window apply', async () => {
      const patientId = await patient();
      const generic = await postOrder(patientId).expect(201);
      const brand = await postOrder(patientId, { drug: 'Lioresal 10 mg' }).expect(201);
      expect(brand.body).toMatchObject({ drug: 'baclofen', orderedName: 'Lioresal 10 mg', maxDosePer24h: 80, maxDoseSource: 'default' });
      for (const drug of ['Kemstro', 'Ozobax DS', 'Ozobax', 'Lyvispah 5 mg granules', 'Fleqsuvy', 'baclofen 20mg tablets']) {
        const res = await postOrder(patientId, { drug }).expect(201);
        expect(res.body.drug).toBe('baclofen');
      }
      await give(patientId, { orderId: generic.body.id, dose: 80, givenAt: ago(2 * HOUR) }).expect(201);
      const refused = await give(patientId, { orderId: brand.body.id, dose: 10, givenAt: ago(HOUR) }).expect(422);
      expect(refused.body).toMatchObject({ limit: 80, alreadyGiven: 80 });
      expect(await t.count('medication_administrations', 'order_id = $1', [brand.body.id])).toBe(0);
    });

    it('refuses a drug that is not in the table, naming the field', async () => {
      const patientId = await patient();
      const res = await postOrder(patientId, { drug: 'baclofenum forte', maxDosePer24h: 80 }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'drug' })]);
      expect(await orders(patientId)).toBe(0);
    });

    it('lets admins, not clinicians, extend the drug table, and orders then pick the new drug', async () => {
      const body = {
        generic: 'Phenobarbital', brands: ['Luminal'], forms: ['tablet'], strengths: ['15 mg', '30 mg'], unit: 'mg',
        cnsDepressantClass: 'barbiturate', abruptStopDangerous: true, doseStep: 15,
      };
      await t.as(clinician).post('/api/v1/drugs').send(body).expect(403);
      const created = await t.as(admin).post('/api/v1/drugs').send(body).expect(201);
      expect(created.body).toMatchObject({ generic: 'phenobarbital', brands: ['Luminal'], defaultMaxPer24h: null });
      const clash = await t.as(admin).post('/api/v1/drugs').send({ ...body, generic: 'other', brands: ['Lioresal'] }).expect(409);
      expect(clash.body.detail).toContain('lioresal');
      expect(await t.count('drugs', `generic = 'other'`)).toBe(0);
      const list = await t.as(clinician).get('/api/v1/drugs').expect(200);
      expect(list.body.map((d: { generic: string }) => d.generic)).toContain('phenobarbital');
      const patientId = await patient();
      const noMax = await postOrder(patientId, { drug: 'Luminal 30 mg' }).expect(400);
      expect(noMax.body.errors).toEqual([expect.objectContaining({ field: 'maxDosePer24h' })]);
      const res = await postOrder(patientId, { drug: 'Luminal 30 mg', dose: 30, maxDosePer24h: 60 }).expect(201);
      expect(res.body).toMatchObject({ drug: 'phenobarbital', drugId: created.body.id });
    });
  });

  describe('liquid doses', () => {
    it('refuses an order in mL without its concentration, and counts mL doses through it in the rolling sum', async () => {
      const patientId = await patient();
      const noConc = await postOrder(patientId, { drug: 'Ozobax', unit: 'mL', dose: 5 }).expect(400);
      expect(noConc.body.errors).toEqual([expect.objectContaining({ field: 'concentrationMgPerMl' })]);
      expect(await orders(patientId)).toBe(0);

      const tablets = await postOrder(patientId).expect(201);
      // Ozobax 5 mg/5 mL = 1 mg/mL: the 80 mg maximum is 80 mL.
      const liquid = await postOrder(patientId, { drug: 'Ozobax', unit: 'mL', dose: 25, concentrationMgPerMl: 1 }).expect(201);
      expect(liquid.body).toMatchObject({ maxDosePer24h: 80, defaultMaxPer24h: 80, concentrationMgPerMl: 1, unit: 'mL' });
      await give(patientId, { orderId: tablets.body.id, dose: 60, givenAt: ago(3 * HOUR) }).expect(201);
      const refused = await give(patientId, { orderId: liquid.body.id, dose: 25, givenAt: ago(2 * HOUR) }).expect(422);
      expect(refused.body).toMatchObject({ limit: 80, alreadyGiven: 60, unit: 'mL' });
      expect(await t.count('medication_administrations', 'order_id = $1', [liquid.body.id])).toBe(0);
      const ok = await give(patientId, { orderId: liquid.body.id, dose: 20, givenAt: ago(2 * HOUR) }).expect(201);
      expect(ok.body).toMatchObject({ rollingTotal: 80, unit: 'mL' });
      // And the other way: the tablets now see 80 mg given.
      await give(patientId, { orderId: tablets.body.id, dose: 5, givenAt: ago(HOUR) }).expect(422);
    });

    it('counts a brand liquid only through the concentration it is made in (Fleqsuvy 5 mg/mL is never 1 mg/mL)', async () => {
      const patientId = await patient();
      const wrong = await postOrder(patientId, { drug: 'Fleqsuvy', unit: 'mL', dose: 20, concentrationMgPerMl: 1 }).expect(400);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      expect(wrong.body.errors).toEqual([{ field: 'concentrationMgPerMl', message: expect.stringContaining('5 mg/mL') }]);
      const named = await postOrder(patientId, { drug: 'Ozobax 5 mg/5 mL', unit: 'mL', dose: 20, concentrationMgPerMl: 5 }).expect(400);
      expect(named.body.errors).toEqual([{ field: 'concentrationMgPerMl', message: expect.stringContaining('1 mg/mL') }]);
      // A concentration baclofen is not made in, and mL of a tablet-only product.
      await postOrder(patientId, { drug: 'baclofen', unit: 'mL', dose: 20, concentrationMgPerMl: 3 }).expect(400);
      const tablet = await postOrder(patientId, { drug: 'Lioresal', unit: 'mL', dose: 20, concentrationMgPerMl: 1 }).expect(400);
      expect(tablet.body.errors).toEqual([{ field: 'unit', message: expect.stringContaining('no liquid form') }]);
      const lorazepam = await postOrder(patientId, {
        drug: 'lorazepam', unit: 'mL', dose: 1, concentrationMgPerMl: 1, maxDosePer24h: 4,
      }).expect(400);
      expect(lorazepam.body.errors).toEqual([expect.objectContaining({ field: 'unit' })]);
      expect(await orders(patientId)).toBe(0);

      // Ordered as made, 16 mL of Fleqsuvy is 80 mg: the labelled maximum is 16 mL, and a 17th mL is refused.
      const liquid = await postOrder(patientId, { drug: 'Fleqsuvy', unit: 'mL', dose: 16, concentrationMgPerMl: 5 }).expect(201);
      expect(liquid.body).toMatchObject({ maxDosePer24h: 16, defaultMaxPer24h: 16, concentrationMgPerMl: 5 });
      await give(patientId, { orderId: liquid.body.id, dose: 16, givenAt: ago(2 * HOUR) }).expect(201);
      await give(patientId, { orderId: liquid.body.id, dose: 1, givenAt: ago(HOUR) }).expect(422);
      expect(await t.count('medication_administrations', 'order_id = $1', [liquid.body.id])).toBe(1);
    });

    it('refuses a strength the product is not made in, and a brand by a route its form cannot take (Gablofen is intrathecal)', async () => {
      const patientId = await patient();
      for (const drug of ['baclofen 25 mg', 'baclofen 999 mg', 'Kemstro 5 mg']) {
        const res = await postOrder(patientId, { drug }).expect(400);
        expect(res.body.errors).toEqual([{ field: 'drug', message: expect.stringContaining('not made in') }]);
      }
      const gablofen = await postOrder(patientId, { drug: 'Gablofen' }).expect(400);
      expect(gablofen.body.errors).toEqual([{ field: 'route', message: expect.stringContaining('intrathecal') }]);
      expect(await orders(patientId)).toBe(0);
      await postOrder(patientId, { drug: 'Ozobax DS', unit: 'mL', dose: 40, concentrationMgPerMl: 2 }).expect(201);
    });

    it('refuses a dose when another order of the drug cannot be converted, never leaving it out of the sum', async () => {
      const patientId = await patient();
      const tablets = await postOrder(patientId).expect(201);
      // An order from before concentrations were required (no drug_id, mL without a concentration).
      const [legacy] = await t.db.query(
        `INSERT INTO medication_orders (patient_id, drug, drug_key, dose, unit, route, schedule_type, start_date,
           max_dose_per_24h, max_dose_source, ordered_by)
         VALUES ($1, 'baclofen', 'baclofen', 10, 'mL', 'oral', 'as_needed', $2, 80, 'ordered', $3) RETURNING id`,
        [patientId, daysAgo(3), clinician.id],
      );
      await t.db.query(
        `INSERT INTO medication_administrations (order_id, patient_id, dose, unit, given_at, given_by, rolling_total, limit_per_24h)
         VALUES ($1, $2, 50, 'mL', $3, $4, 50, 80)`,
        [legacy.id, patientId, ago(3 * HOUR), clinician.id],
      );
      const refused = await give(patientId, { orderId: tablets.body.id, dose: 10, givenAt: ago(HOUR) }).expect(422);
      expect(refused.body.detail).toContain('cannot be converted');
      expect(await t.count('medication_administrations', 'order_id = $1', [tablets.body.id])).toBe(0);
    });
  });

  describe('administration times', () => {
    it('refuses a dose timed before the order started, after it ended, or in the future, writing nothing', async () => {
      const patientId = await patient();
      const start = DateTime.now().setZone(ZONE).minus({ days: 3 }).startOf('day');
      const res = await postOrder(patientId, { startDate: start.toISODate(), endDate: start.plus({ days: 1 }).toISODate() }).expect(201);
      const before = await give(patientId, { orderId: res.body.id, dose: 5, givenAt: start.minus({ minutes: 1 }).toISO() }).expect(422);
      expect(before.body.reason).toBe('outside_order');
      const after = await give(patientId, { orderId: res.body.id, dose: 5, givenAt: start.plus({ days: 2 }).toISO() }).expect(422);
      expect(after.body.reason).toBe('outside_order');
      const future = await give(patientId, { orderId: res.body.id, dose: 5, givenAt: new Date(Date.now() + HOUR).toISOString() }).expect(400);
      expect(future.body.errors[0].field).toBe('givenAt');
      expect(await t.count('medication_administrations', 'patient_id = $1', [patientId])).toBe(0);
    });
  });
});
