import { DateTime } from 'luxon';
import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { detoxPatient } from './support/detox-fixtures';

const ZONE = 'America/New_York';
const HOUR = 3600_000;

/**
 * Issue 11, "an honest medication record": a scheduled dose is given, given
 * partially, held, refused or missed, and an omitted dose of a drug whose abrupt
 * stop is dangerous alerts, for fixed schedules as well as tapers.
 */
describe('medication record: given, partially, held, refused, missed', () => {
  let t: TestApp;
  let clinician: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const ordersUrl = (patientId: string) => `/api/v1/patients/${patientId}/medication-orders`;
  const patient = async () => (await detoxPatient(t, clinician)).id;
  const alerts = (patientId: string) =>
    t.db.query(`SELECT rule, severity, audience FROM alerts WHERE patient_id = $1 ORDER BY raised_at`, [patientId]);

  /** A fixed baclofen schedule over yesterday and today at 08:00 and 20:00 (stored dated doses). */
  async function fixedSchedule(patientId: string, drug = 'baclofen', dose = 20) {
    const yesterday = DateTime.now().setZone(ZONE).minus({ days: 1 });
    const res = await t.as(clinician).post(ordersUrl(patientId)).send({
      drug, dose, unit: 'mg', route: 'oral', timesOfDay: ['08:00', '20:00'], maxDosePer24h: 80,
      startDate: yesterday.toISODate(), endDate: yesterday.plus({ days: 1 }).toISODate(),
      // Baclofen stopped at full dose is an abrupt stop: ordered knowingly here (a synthetic two-day schedule).
      ...(drug === 'baclofen' ? { taperOverrideReason: 'Synthetic two-day schedule, continued elsewhere' } : {}),
    }).expect(201);
    const doses = (await t.db.query(
      `SELECT id, scheduled_at FROM medication_scheduled_doses WHERE order_id = $1 ORDER BY scheduled_at`, [res.body.id],
    )) as { id: string; scheduled_at: Date }[];
    // Written before its first dose, so none of them is "before the order".
    await t.db.query(`ALTER TABLE medication_orders DISABLE TRIGGER medication_orders_discontinue_only`);
    await t.db.query(`UPDATE medication_orders SET ordered_at = $2 WHERE id = $1`, [res.body.id, yesterday.startOf('day').toJSDate()]);
    await t.db.query(`ALTER TABLE medication_orders ENABLE TRIGGER medication_orders_discontinue_only`);
    return { orderId: res.body.id as string, doses };
  }

  it('calls 1 mg against a scheduled 20 mg "given partially", not given', async () => {
    const patientId = await patient();
    const { orderId, doses } = await fixedSchedule(patientId);
    const [first, second] = doses as [{ id: string; scheduled_at: Date }, { id: string; scheduled_at: Date }];
    await t.as(clinician).post(`/api/v1/patients/${patientId}/medication-administrations`)
      .send({ orderId, dose: 1, givenAt: first.scheduled_at.toISOString(), scheduledDoseId: first.id }).expect(201);
    await t.as(clinician).post(`/api/v1/patients/${patientId}/medication-administrations`)
      .send({ orderId, dose: 19, givenAt: second.scheduled_at.toISOString(), scheduledDoseId: second.id }).expect(201);
    const schedule = await t.as(clinician).get(`${ordersUrl(patientId)}/${orderId}/scheduled-doses`).expect(200);
    expect(schedule.body.slice(0, 2).map((d: { status: string }) => d.status)).toEqual(['given_partially', 'given']);
  });

  it('records a held and a refused dose with a reason, alerts for baclofen, and shows them on the schedule', async () => {
    const patientId = await patient();
    const { orderId, doses } = await fixedSchedule(patientId);
    const [first, second] = doses as [{ id: string; scheduled_at: Date }, { id: string; scheduled_at: Date }];
    const held = await t.as(clinician).post(`${ordersUrl(patientId)}/${orderId}/omissions`)
      .send({ scheduledAt: first.scheduled_at.toISOString(), outcome: 'held', reason: 'Somnolent, RR 10' }).expect(201);
    expect(held.body).toMatchObject({ scheduledDoseId: first.id, outcome: 'held', alerts: [expect.objectContaining({ rule: 'dose_held' })] });
    await t.as(clinician).post(`${ordersUrl(patientId)}/${orderId}/omissions`)
      .send({ scheduledAt: second.scheduled_at.toISOString(), outcome: 'refused', reason: 'Patient declined' }).expect(201);
    expect(await alerts(patientId)).toEqual([
      // The fixture's knowing abrupt stop of baclofen is itself flagged to the team.
      { rule: 'order_taper_override', severity: 'urgent', audience: 'clinician' },
      { rule: 'dose_held', severity: 'urgent', audience: 'clinician' },
      { rule: 'dose_refused', severity: 'urgent', audience: 'clinician' },
    ]);
    const schedule = await t.as(clinician).get(`${ordersUrl(patientId)}/${orderId}/scheduled-doses`).expect(200);
    expect(schedule.body.slice(0, 2).map((d: { status: string }) => d.status)).toEqual(['held', 'refused']);
    // A held dose cannot then be given against, nor held twice.
    const giveHeld = await t.as(clinician).post(`/api/v1/patients/${patientId}/medication-administrations`)
      .send({ orderId, dose: 20, givenAt: first.scheduled_at.toISOString(), scheduledDoseId: first.id }).expect(409);
    expect(giveHeld.body).toMatchObject({ type: expect.stringMatching(/dose-already-recorded$/), recordedAs: 'held', recordId: held.body.id });
    const holdTwice = await t.as(clinician).post(`${ordersUrl(patientId)}/${orderId}/omissions`)
      .send({ scheduledAt: first.scheduled_at.toISOString(), outcome: 'refused', reason: 'again' }).expect(409);
    expect(holdTwice.body).toMatchObject({ type: expect.stringMatching(/dose-already-recorded$/), recordedAs: 'held' });
    expect(await t.count('medication_administrations', 'order_id = $1', [orderId])).toBe(0);
    expect(await t.count('medication_dose_omissions', 'order_id = $1', [orderId])).toBe(2);
  });

  it('refuses to hold a time that is not a dose of the order, or a dose already given', async () => {
    const patientId = await patient();
    const { orderId, doses } = await fixedSchedule(patientId);
    const [first] = doses as [{ id: string; scheduled_at: Date }];
    const odd = await t.as(clinician).post(`${ordersUrl(patientId)}/${orderId}/omissions`)
      .send({ scheduledAt: new Date(first.scheduled_at.getTime() + 60_000).toISOString(), outcome: 'held', reason: 'x' }).expect(400);
    expect(odd.body.errors[0].field).toBe('scheduledAt');
    await t.as(clinician).post(`/api/v1/patients/${patientId}/medication-administrations`)
      .send({ orderId, dose: 20, givenAt: first.scheduled_at.toISOString(), scheduledDoseId: first.id }).expect(201);
    const holdGiven = await t.as(clinician).post(`${ordersUrl(patientId)}/${orderId}/omissions`)
      .send({ scheduledAt: first.scheduled_at.toISOString(), outcome: 'held', reason: 'late' }).expect(409);
    expect(holdGiven.body).toMatchObject({ type: expect.stringMatching(/dose-already-recorded$/), recordedAs: 'given' });
    expect(await t.count('medication_dose_omissions', 'order_id = $1', [orderId])).toBe(0);
  });

  it('alerts for a missed dose of a fixed (not tapered) baclofen schedule', async () => {
    const patientId = await patient();
    const { doses } = await fixedSchedule(patientId);
    const [first] = doses as [{ id: string; scheduled_at: Date }];
    await t.app.get(JobRunner).runNow('detox.missed-doses', new Date(first.scheduled_at.getTime() + 3 * HOUR));
    const rows = await t.db.query(`SELECT reading_id, message FROM alerts WHERE patient_id = $1 AND rule = 'missed_dose'`, [patientId]);
    expect(rows).toEqual([{ reading_id: first.id, message: expect.stringContaining('Scheduled baclofen 20 mg') }]);
  });

  it('alerts once for a missed dose of an open-ended fixed baclofen schedule, but not for one given or held', async () => {
    const patientId = await patient();
    const start = DateTime.now().setZone(ZONE).minus({ days: 2 }).startOf('day');
    const res = await t.as(clinician).post(ordersUrl(patientId)).send({
      drug: 'baclofen', dose: 10, unit: 'mg', route: 'oral', timesOfDay: ['08:00', '20:00'], startDate: start.toISODate(),
    }).expect(201);
    expect(res.body.scheduledDoseCount).toBe(0);
    await t.db.query(`ALTER TABLE medication_orders DISABLE TRIGGER medication_orders_discontinue_only`);
    await t.db.query(`UPDATE medication_orders SET ordered_at = $2 WHERE id = $1`, [res.body.id, start.toJSDate()]);
    await t.db.query(`ALTER TABLE medication_orders ENABLE TRIGGER medication_orders_discontinue_only`);
    const at = (hour: number) => start.set({ hour }).toJSDate();
    await t.as(clinician).post(`/api/v1/patients/${patientId}/medication-administrations`)
      .send({ orderId: res.body.id, dose: 10, givenAt: at(8).toISOString() }).expect(201);
    await t.as(clinician).post(`${ordersUrl(patientId)}/${res.body.id}/omissions`)
      .send({ scheduledAt: at(20).toISOString(), outcome: 'held', reason: 'Sedated' }).expect(201);
    const jobs = t.app.get(JobRunner);
    const now = start.plus({ days: 1, hours: 11 }).toJSDate(); // day 2, 11:00: the 08:00 dose is 3 hours late
    await jobs.runNow('detox.missed-doses', now);
    await jobs.runNow('detox.missed-doses', now);
    const rows = await t.db.query(`SELECT reading_id, reading FROM alerts WHERE patient_id = $1 AND rule = 'missed_dose'`, [patientId]);
    expect(rows).toEqual([
      { reading_id: res.body.id, reading: expect.objectContaining({ scheduledAt: start.plus({ days: 1 }).set({ hour: 8 }).toJSDate().toISOString() }) },
    ]);
  });
});
