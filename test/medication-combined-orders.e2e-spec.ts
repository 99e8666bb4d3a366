import { DateTime } from 'luxon';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { detoxPatient } from './support/detox-fixtures';

const ZONE = 'America/New_York';
const day = (plusDays = 0) => DateTime.now().setZone(ZONE).plus({ days: plusDays }).toISODate() as string;

/**
 * Orders of one drug whose dates overlap are given against one rolling limit
 * (the lowest of their maximums), so at order time their scheduled daily
 * totals must fit it together: baclofen 80 mg per 24 hours.
 */
describe('medication orders: overlapping orders of one drug fit one daily maximum', () => {
  let t: TestApp;
  let clinician: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const ordersUrl = (patientId: string) => `/api/v1/patients/${patientId}/medication-orders`;
  const scheduled = (dose: number, timesOfDay: string[], extra: Record<string, unknown> = {}) =>
    ({ drug: 'baclofen', dose, unit: 'mg', route: 'oral', timesOfDay, startDate: day(), ...extra });
  const postOrder = (patientId: string, body: Record<string, unknown>) => t.as(clinician).post(ordersUrl(patientId)).send(body);
  const patient = async () => (await detoxPatient(t, clinician)).id;
  const orders = (patientId: string) => t.count('medication_orders', 'patient_id = $1', [patientId]);

  it('accepts a second order that fits the 80 mg together with the first, and refuses one that does not, writing nothing', async () => {
    const patientId = await patient();
    const first = await postOrder(patientId, scheduled(20, ['08:00', '14:00', '20:00'])).expect(201);
    await postOrder(patientId, scheduled(10, ['10:00', '22:00'])).expect(201);
    const refused = await postOrder(patientId, scheduled(5, ['12:00'])).expect(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: expect.stringMatching(/dose-limit-exceeded$/), limit: 80, scheduledDailyTotal: 85, unit: 'mg',
    });
    expect(refused.body.otherOrderIds).toHaveLength(2);
    expect(refused.body.otherOrderIds).toContain(first.body.id);
    expect(refused.body.detail).toContain('85 mg a day');
    expect(await orders(patientId)).toBe(2);
    expect(await t.count('audit_events', `action = 'medication-order.create' AND patient_id = $1`, [patientId])).toBe(2);
  });

  it('totals an order in mL through its concentration with one in mg', async () => {
    const patientId = await patient();
    await postOrder(patientId, scheduled(20, ['08:00', '20:00'])).expect(201);
    // Ozobax is 1 mg/mL: 25 mL twice a day is 50 mg, and 40 + 50 is above 80.
    const refused = await postOrder(patientId, scheduled(25, ['12:00', '18:00'], { drug: 'Ozobax', unit: 'mL', concentrationMgPerMl: 1 }));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ limit: 80, scheduledDailyTotal: 90, unit: 'mL' });
    expect(await orders(patientId)).toBe(1);
  });

  it('holds a lower maximum on a new order against what the others already schedule', async () => {
    const patientId = await patient();
    await postOrder(patientId, scheduled(20, ['08:00', '14:00', '20:00'])).expect(201);
    const asNeeded = { drug: 'baclofen', dose: 5, unit: 'mg', route: 'oral', asNeeded: true, startDate: day(), maxDosePer24h: 40 };
    const refused = await postOrder(patientId, asNeeded).expect(422);
    expect(refused.body).toMatchObject({ limit: 40, scheduledDailyTotal: 60 });
    await postOrder(patientId, { ...asNeeded, maxDosePer24h: 80 }).expect(201);
    expect(await orders(patientId)).toBe(2);
  });

  it('leaves out orders whose dates do not overlap and the order being replaced', async () => {
    const patientId = await patient();
    const ending = await postOrder(patientId, scheduled(20, ['08:00', '14:00', '20:00'], {
      endDate: day(2), taperOverrideReason: 'Synthetic schedule continued by the next order',
    })).expect(201);
    await postOrder(patientId, scheduled(20, ['09:00', '15:00', '21:00'], { startDate: day(3) })).expect(201);
    const later = (await t.db.query(`SELECT id FROM medication_orders WHERE patient_id = $1 AND start_date = $2`, [patientId, day(3)]))[0];
    const replacement = await postOrder(patientId, scheduled(20, ['08:00', '14:00', '20:00', '23:00'], {
      startDate: day(3), replacesOrderId: later.id,
    })).expect(201);
    expect(replacement.body.replacesOrderId).toBe(later.id);
    expect(await t.count('medication_orders', `patient_id = $1 AND status = 'active'`, [patientId])).toBe(2);
    expect(ending.body.id).toBeDefined();
  });

  it('lets only one of two orders sent together through when each fits alone but not both', async () => {
    for (let trial = 0; trial < 3; trial += 1) {
      const patientId = await patient();
      await postOrder(patientId, scheduled(20, ['08:00'])).expect(201);
      const results = await Promise.all([
        postOrder(patientId, scheduled(20, ['12:00', '16:00'])),
        postOrder(patientId, scheduled(20, ['13:00', '17:00'])),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(await orders(patientId)).toBe(2);
      const [row] = await t.db.query(
        `SELECT sum(dose * cardinality(times_of_day))::int AS daily FROM medication_orders WHERE patient_id = $1 AND status = 'active'`,
        [patientId],
      );
      expect(row.daily).toBe(60);
    }
  });
});
