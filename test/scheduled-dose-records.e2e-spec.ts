import { DateTime } from 'luxon';
import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { detoxPatient } from './support/detox-fixtures';
import { addToCareTeam } from './support/factories';

const ZONE = 'America/New_York';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PROBLEMS = 'https://outpatient-program.example/problems/';

interface StoredDose { id: string; scheduled_at: Date }

/**
 * A scheduled dose gets one record, and only when it is due: given within the
 * missed-dose grace period (detox.missed-dose, default 120 minutes) of its
 * time, held or refused from that period before its time on; a second record
 * for the same dose is 409 dose_already_recorded naming what it was recorded as.
 */
describe('scheduled doses: recorded once, and only when due', () => {
  let t: TestApp;
  let clinician: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const ordersUrl = (patientId: string) => `/api/v1/patients/${patientId}/medication-orders`;
  const givenUrl = (patientId: string) => `/api/v1/patients/${patientId}/medication-administrations`;
  const omitUrl = (patientId: string, orderId: string) => `${ordersUrl(patientId)}/${orderId}/omissions`;

  /**
   * A chlordiazepoxide taper at 08:00, 14:00 and 20:00 from yesterday over about
   * a week (dated doses), written before its first dose.
   */
  async function taper(times = ['08:00', '14:00', '20:00']): Promise<{ patientId: string; orderId: string; doses: StoredDose[] }> {
    const patientId = (await detoxPatient(t, clinician)).id;
    const yesterday = DateTime.now().setZone(ZONE).minus({ days: 1 }).startOf('day');
    const res = await t.as(clinician).post(ordersUrl(patientId)).send({
      drug: 'chlordiazepoxide', unit: 'mg', route: 'oral', timesOfDay: times, startDate: yesterday.toISODate(),
      taper: { startDose: 25, stepDown: 5, everyDays: 2, floor: 0 }, maxDosePer24h: 300,
      taperOverrideReason: 'Short synthetic taper for the test',
    });
    if (res.status !== 201) throw new Error(`order failed: ${res.status} ${JSON.stringify(res.body)}`);
    await t.db.query(`ALTER TABLE medication_orders DISABLE TRIGGER medication_orders_discontinue_only`);
    await t.db.query(`UPDATE medication_orders SET ordered_at = $2 WHERE id = $1`, [res.body.id, yesterday.toJSDate()]);
    await t.db.query(`ALTER TABLE medication_orders ENABLE TRIGGER medication_orders_discontinue_only`);
    const doses = (await t.db.query(
      `SELECT id, scheduled_at FROM medication_scheduled_doses WHERE order_id = $1 ORDER BY scheduled_at`, [res.body.id],
    )) as StoredDose[];
    return { patientId, orderId: res.body.id as string, doses };
  }

  /** The first stored dose at least `ms` after now. */
  const doseAfter = (doses: StoredDose[], ms: number) => {
    const dose = doses.find((d) => d.scheduled_at.getTime() >= Date.now() + ms);
    if (!dose) throw new Error('no dose that far ahead');
    return dose;
  };
  const records = async (orderId: string) => ({
    given: await t.count('medication_administrations', 'order_id = $1', [orderId]),
    omitted: await t.count('medication_dose_omissions', 'order_id = $1', [orderId]),
  });
  const statusOf = async (patientId: string, orderId: string, doseId: string) => {
    const schedule = await t.as(clinician).get(`${ordersUrl(patientId)}/${orderId}/scheduled-doses`).expect(200);
    return (schedule.body as { id: string; status: string }[]).find((d) => d.id === doseId)?.status;
  };

  describe('a dose is given only within the grace period of its time', () => {
    it('refuses a dose scheduled 5 days ahead marked given now (422 dose_not_due), writes nothing, and its missed-dose alert still fires', async () => {
      const { patientId, orderId, doses } = await taper();
      const ahead = doseAfter(doses, 4 * DAY + 12 * HOUR);
      const givenAt = new Date().toISOString();
      const res = await t.as(clinician).post(givenUrl(patientId))
        .send({ orderId, dose: 25, givenAt, scheduledDoseId: ahead.id }).expect(422);
      expect(res.body).toMatchObject({
        type: `${PROBLEMS}dose-not-due`, status: 422,
        scheduledAt: ahead.scheduled_at.toISOString(), givenAt: new Date(givenAt).toISOString(), graceMinutes: 120,
      });
      expect(await records(orderId)).toEqual({ given: 0, omitted: 0 });
      expect(await statusOf(patientId, orderId, ahead.id)).toBe('upcoming');
      expect(await t.count('audit_events', `action = 'medication-administration.create' AND patient_id = $1`, [patientId])).toBe(0);

      await t.app.get(JobRunner).runNow('detox.missed-doses', new Date(ahead.scheduled_at.getTime() + 3 * HOUR));
      const missed = await t.db.query(`SELECT reading_id FROM alerts WHERE patient_id = $1 AND rule = 'missed_dose'`, [patientId]);
      expect(missed).toContainEqual({ reading_id: ahead.id });
    });

    it('fulfils a past dose given within 120 minutes of its time, either side, and refuses one given later', async () => {
      const { patientId, orderId, doses } = await taper();
      const [first, second, third] = doses as [StoredDose, StoredDose, StoredDose];
      const late = await t.as(clinician).post(givenUrl(patientId)).send({
        orderId, dose: 25, givenAt: new Date(first.scheduled_at.getTime() + 121 * MINUTE).toISOString(), scheduledDoseId: first.id,
      }).expect(422);
      expect(late.body).toMatchObject({ type: `${PROBLEMS}dose-not-due`, scheduledAt: first.scheduled_at.toISOString(), graceMinutes: 120 });
      expect(await records(orderId)).toEqual({ given: 0, omitted: 0 });

      await t.as(clinician).post(givenUrl(patientId)).send({
        orderId, dose: 25, givenAt: new Date(first.scheduled_at.getTime() + 120 * MINUTE).toISOString(), scheduledDoseId: first.id,
      }).expect(201);
      const early = await t.as(clinician).post(givenUrl(patientId)).send({
        orderId, dose: 25, givenAt: new Date(second.scheduled_at.getTime() - 120 * MINUTE).toISOString(), scheduledDoseId: second.id,
      }).expect(201);
      expect(early.body.scheduledDoseId).toBe(second.id);
      expect(await statusOf(patientId, orderId, second.id)).toBe('given');
      // Earlier than the grace period: refused, however close the dose before it.
      await t.as(clinician).post(givenUrl(patientId)).send({
        orderId, dose: 25, givenAt: new Date(third.scheduled_at.getTime() - 121 * MINUTE).toISOString(), scheduledDoseId: third.id,
      }).expect(422);
      expect(await records(orderId)).toEqual({ given: 2, omitted: 0 });
    });
  });

  describe('a dose is held or refused only once it is due', () => {
    it('refuses to hold a dose scheduled 5 days ahead (422 dose_not_due), writing nothing and raising no alert', async () => {
      const { patientId, orderId, doses } = await taper();
      const ahead = doseAfter(doses, 4 * DAY + 12 * HOUR);
      const alertsBefore = await t.count('alerts', 'patient_id = $1', [patientId]);
      const res = await t.as(clinician).post(omitUrl(patientId, orderId))
        .send({ scheduledAt: ahead.scheduled_at.toISOString(), outcome: 'held', reason: 'Planned hold' }).expect(422);
      expect(res.body).toMatchObject({
        type: `${PROBLEMS}dose-not-due`, scheduledAt: ahead.scheduled_at.toISOString(), graceMinutes: 120,
        recordedAt: expect.any(String),
      });
      expect(await records(orderId)).toEqual({ given: 0, omitted: 0 });
      expect(await t.count('alerts', 'patient_id = $1', [patientId])).toBe(alertsBefore);
      expect(await statusOf(patientId, orderId, ahead.id)).toBe('upcoming');
    });

    it('holds a dose due within the next 120 minutes, and a past one', async () => {
      const soon = DateTime.now().setZone(ZONE).plus({ minutes: 90 }).toFormat('HH:mm');
      const { patientId, orderId, doses } = await taper([soon]);
      const next = doseAfter(doses, 0);
      expect(next.scheduled_at.getTime() - Date.now()).toBeLessThan(2 * HOUR);
      const held = await t.as(clinician).post(omitUrl(patientId, orderId))
        .send({ scheduledAt: next.scheduled_at.toISOString(), outcome: 'refused', reason: 'Patient declines' }).expect(201);
      expect(held.body).toMatchObject({ scheduledDoseId: next.id, outcome: 'refused' });
      const past = doses[0] as StoredDose;
      await t.as(clinician).post(omitUrl(patientId, orderId))
        .send({ scheduledAt: past.scheduled_at.toISOString(), outcome: 'held', reason: 'Somnolent' }).expect(201);
      expect(await records(orderId)).toEqual({ given: 0, omitted: 2 });
    });
  });

  describe('a scheduled dose has one record', () => {
    it('refuses to give a held or refused dose, or to hold a given one, with 409 dose_already_recorded naming the record', async () => {
      const { patientId, orderId, doses } = await taper();
      const [first, second, third] = doses as [StoredDose, StoredDose, StoredDose];
      const held = await t.as(clinician).post(omitUrl(patientId, orderId))
        .send({ scheduledAt: first.scheduled_at.toISOString(), outcome: 'held', reason: 'Sedated' }).expect(201);
      const refused = await t.as(clinician).post(omitUrl(patientId, orderId))
        .send({ scheduledAt: second.scheduled_at.toISOString(), outcome: 'refused', reason: 'Declined' }).expect(201);
      const given = await t.as(clinician).post(givenUrl(patientId))
        .send({ orderId, dose: 25, givenAt: third.scheduled_at.toISOString(), scheduledDoseId: third.id }).expect(201);

      const giveHeld = await t.as(clinician).post(givenUrl(patientId))
        .send({ orderId, dose: 25, givenAt: first.scheduled_at.toISOString(), scheduledDoseId: first.id }).expect(409);
      expect(giveHeld.body).toMatchObject({
        type: `${PROBLEMS}dose-already-recorded`, status: 409, recordedAs: 'held', recordId: held.body.id,
      });
      expect(giveHeld.body.detail).toContain('already held');
      const giveRefused = await t.as(clinician).post(givenUrl(patientId))
        .send({ orderId, dose: 25, givenAt: second.scheduled_at.toISOString(), scheduledDoseId: second.id }).expect(409);
      expect(giveRefused.body).toMatchObject({ type: `${PROBLEMS}dose-already-recorded`, recordedAs: 'refused', recordId: refused.body.id });
      const holdGiven = await t.as(clinician).post(omitUrl(patientId, orderId))
        .send({ scheduledAt: third.scheduled_at.toISOString(), outcome: 'held', reason: 'late' }).expect(409);
      expect(holdGiven.body).toMatchObject({ type: `${PROBLEMS}dose-already-recorded`, recordedAs: 'given', recordId: given.body.id });
      const giveGiven = await t.as(clinician).post(givenUrl(patientId))
        .send({ orderId, dose: 25, givenAt: third.scheduled_at.toISOString(), scheduledDoseId: third.id }).expect(409);
      expect(giveGiven.body).toMatchObject({ type: `${PROBLEMS}dose-already-recorded`, recordedAs: 'given', recordId: given.body.id });
      const holdTwice = await t.as(clinician).post(omitUrl(patientId, orderId))
        .send({ scheduledAt: first.scheduled_at.toISOString(), outcome: 'refused', reason: 'again' }).expect(409);
      expect(holdTwice.body).toMatchObject({ type: `${PROBLEMS}dose-already-recorded`, recordedAs: 'held', recordId: held.body.id });

      expect(await records(orderId)).toEqual({ given: 1, omitted: 2 });
    });

    it('gives 10 parallel administrations and omissions of one dose exactly one record; the others get 409 dose_already_recorded', async () => {
      const { patientId, orderId, doses } = await taper();
      const dose = doses[0] as StoredDose;
      const nurses = await Promise.all(Array.from({ length: 10 }, () => t.createUser('clinician')));
      for (const nurse of nurses) await addToCareTeam(t, patientId, nurse);
      const results = await Promise.all(nurses.map((nurse, i) =>
        i % 2 === 0
          ? t.as(nurse).post(givenUrl(patientId)).send({ orderId, dose: 25, givenAt: dose.scheduled_at.toISOString(), scheduledDoseId: dose.id })
          : t.as(nurse).post(omitUrl(patientId, orderId)).send({ scheduledAt: dose.scheduled_at.toISOString(), outcome: 'held', reason: 'Sedated' })));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.type).toBe(`${PROBLEMS}dose-already-recorded`);
      const { given, omitted } = await records(orderId);
      expect(given + omitted).toBe(1);
      expect(await t.count('medication_administrations', 'scheduled_dose_id = $1', [dose.id])
        + await t.count('medication_dose_omissions', 'scheduled_dose_id = $1', [dose.id])).toBe(1);
    });

    it('is enforced by the database too: a second record written past the API is refused', async () => {
      const { patientId, orderId, doses } = await taper();
      const dose = doses[0] as StoredDose;
      await t.as(clinician).post(omitUrl(patientId, orderId))
        .send({ scheduledAt: dose.scheduled_at.toISOString(), outcome: 'held', reason: 'Sedated' }).expect(201);
      await expect(t.db.query(
        `INSERT INTO medication_administrations (order_id, patient_id, scheduled_dose_id, dose, unit, given_at, given_by, rolling_total, limit_per_24h)
         VALUES ($1, $2, $3, 25, 'mg', $4, $5, 25, 300)`,
        [orderId, patientId, dose.id, dose.scheduled_at, clinician.id],
      )).rejects.toThrow(/either given or held/);
      expect(await records(orderId)).toEqual({ given: 0, omitted: 1 });
    });
  });
});
