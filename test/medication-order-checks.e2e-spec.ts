import { DateTime } from 'luxon';
import { createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { detoxPatient } from './support/detox-fixtures';

const ZONE = 'America/New_York';
const today = () => DateTime.now().setZone(ZONE).toISODate() as string;

/**
 * Issue 11, "Contraindications and interactions at order time" and "Safe
 * tapers": each test sends the order that used to be written without a word
 * and asserts the refusal (with its findings) or the acknowledged, alerted order.
 */
describe('medication orders: contraindications, treatment gate and safe tapers', () => {
  let t: TestApp;
  let clinician: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
  });
  afterAll(() => t.close());

  const ordersUrl = (patientId: string) => `/api/v1/patients/${patientId}/medication-orders`;
  const postOrder = (patientId: string, body: Record<string, unknown> = {}) =>
    t.as(clinician).post(ordersUrl(patientId))
      .send({ drug: 'baclofen', dose: 5, unit: 'mg', route: 'oral', asNeeded: true, startDate: today(), ...body });
  const orders = (patientId: string) => t.count('medication_orders', 'patient_id = $1', [patientId]);
  const patient = async (overrides: Record<string, unknown> = {}) => (await detoxPatient(t, clinician, overrides)).id;
  const codes = (body: { findings?: { code: string }[] }) => (body.findings ?? []).map((f) => f.code);
  const recordStatus = (patientId: string, body: Record<string, unknown>) =>
    t.as(clinician).post(`/api/v1/patients/${patientId}/clinical-statuses`)
      .send({ observedAt: new Date().toISOString(), ...body });

  describe('contraindications found in the record', () => {
    it('refuses baclofen for a child under 12 (from the date of birth) with a clear message, and writes nothing', async () => {
      const tenYearsAgo = DateTime.now().setZone(ZONE).minus({ years: 10 }).toISODate();
      const patientId = await patient({ dateOfBirth: tenYearsAgo });
      const res = await postOrder(patientId).expect(422);
      expect(codes(res.body)).toEqual(['age_under_12']);
      expect(res.body.findings[0].message).toContain('10 years old');
      expect(res.body.detail).toContain('contraindicationsAckReason');
      expect(await orders(patientId)).toBe(0);
    });

    it('orders despite findings only when acknowledged with a reason: stored, audited and alerted', async () => {
      const tenYearsAgo = DateTime.now().setZone(ZONE).minus({ years: 10 }).toISODate();
      const patientId = await patient({ dateOfBirth: tenYearsAgo });
      const res = await postOrder(patientId, { contraindicationsAckReason: 'Paediatric neurology plan, weight-based dose' }).expect(201);
      expect(res.body).toMatchObject({
        contraindications: [expect.objectContaining({ code: 'age_under_12' })],
        contraindicationsAckReason: 'Paediatric neurology plan, weight-based dose',
        alerts: [expect.objectContaining({ rule: 'order_contraindications_acknowledged', severity: 'urgent' })],
      });
      const [audit] = await t.db.query(
        `SELECT details FROM audit_events WHERE action = 'medication-order.create' AND patient_id = $1`, [patientId]);
      expect(audit.details.contraindications).toEqual(['age_under_12']);
    });

    it('finds pregnancy and breastfeeding recorded by a clinician, and the latest record wins', async () => {
      const patientId = await patient();
      await recordStatus(patientId, { kind: 'pregnancy', present: true }).expect(201);
      await recordStatus(patientId, { kind: 'breastfeeding', present: true }).expect(201);
      expect(codes((await postOrder(patientId).expect(422)).body)).toEqual(['pregnancy', 'breastfeeding']);
      await recordStatus(patientId, { kind: 'pregnancy', present: false }).expect(201);
      expect(codes((await postOrder(patientId).expect(422)).body)).toEqual(['breastfeeding']);
      expect(await orders(patientId)).toBe(0);
    });

    it('refuses a clinical status without the value its kind needs', async () => {
      const patientId = await patient();
      const res = await recordStatus(patientId, { kind: 'egfr', present: true }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind', 'present']);
      expect(await t.count('patient_clinical_statuses', 'patient_id = $1', [patientId])).toBe(0);
    });

    it('finds renal impairment from an eGFR or creatinine clearance below the setting', async () => {
      const patientId = await patient();
      await recordStatus(patientId, { kind: 'egfr', value: 75 }).expect(201);
      await postOrder(patientId).expect(201);
      await recordStatus(patientId, { kind: 'creatinine_clearance', value: 42 }).expect(201);
      const res = await postOrder(patientId).expect(422);
      expect(codes(res.body)).toEqual(['renal_impairment']);
      expect(res.body.findings[0].message).toContain('42');
    });

    it('finds another active CNS depressant, an alcohol use disorder diagnosis and an open overdose alert', async () => {
      const patientId = await patient();
      await postOrder(patientId, { drug: 'Ativan', dose: 1, maxDosePer24h: 4 }).expect(201);
      await t.db.query(
        `INSERT INTO diagnoses (patient_id, substance, criteria, criteria_count, severity, recorded_by)
         VALUES ($1, 'alcohol', '{"craving": true, "tolerance": true, "withdrawal": true, "time_spent": true}', 4, 'moderate', $2)`,
        [patientId, clinician.id],
      );
      await t.db.query(
        `INSERT INTO alerts (patient_id, source, rule, severity, audience, message)
         VALUES ($1, 'detox', 'cns_depressant_overdose', 'emergency', 'care_team', 'synthetic')`,
        [patientId],
      );
      const res = await postOrder(patientId).expect(422);
      expect(codes(res.body)).toEqual(['co_active_cns_depressant', 'alcohol_use_disorder', 'open_overdose_alert']);
      expect(res.body.findings[0].message).toContain('lorazepam');
      expect(await t.count('medication_orders', `patient_id = $1 AND drug = 'baclofen'`, [patientId])).toBe(0);
    });
  });

  describe('treatment gate', () => {
    it('refuses an order for a patient still in screening, or in detox without a confirmed diagnosis', async () => {
      const screening = await createPatient(t, clinician);
      const inScreening = await postOrder(screening.id).expect(409);
      expect(inScreening.body.detail).toContain('not detox or outpatient');
      const undiagnosed = await createPatient(t, clinician);
      await t.db.query(`UPDATE patients SET phase = 'detox' WHERE id = $1`, [undiagnosed.id]);
      const noDiagnosis = await postOrder(undiagnosed.id).expect(409);
      expect(noDiagnosis.body.detail).toContain('no confirmed diagnosis');
      expect(await t.count('medication_orders', 'patient_id IN ($1, $2)', [screening.id, undiagnosed.id])).toBe(0);
    });

    it('refuses an order once a later confirmed re-assessment of the substance found no disorder', async () => {
      const patientId = await patient();
      await t.db.query(
        `INSERT INTO diagnoses (patient_id, substance, criteria, criteria_count, severity, recorded_by, confirmed_by, confirmed_at,
           confirmation_attestation)
         VALUES ($1, 'baclofen', '{"craving": true}', 1, 'none', $2, $2, now(), 'Synthetic re-assessment')`,
        [patientId, clinician.id],
      );
      const refused = await postOrder(patientId).expect(409);
      expect(refused.body.detail).toContain('no confirmed diagnosis');
      expect(await t.count('medication_orders', 'patient_id = $1', [patientId])).toBe(0);
    });
  });

  describe('safe tapers', () => {
    const taper = (patientId: string, steps: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      postOrder(patientId, { asNeeded: undefined, dose: undefined, timesOfDay: ['08:00', '20:00'], startDate: '2027-05-03', taper: steps, ...extra });

    it('rounds tapered doses to baclofen\'s 5 mg step', async () => {
      const patientId = await patient();
      const res = await taper(patientId, { startDose: 17, stepDown: 3, everyDays: 2, floor: 0 }, { taperOverrideReason: 'Rounding check' }).expect(201);
      const rows = await t.db.query(
        `SELECT DISTINCT dose::float8 AS dose FROM medication_scheduled_doses WHERE order_id = $1 ORDER BY dose DESC`, [res.body.id]);
      expect(rows.map((r: { dose: number }) => r.dose)).toEqual([15, 10, 5]);
    });

    it('refuses a baclofen taper that stops sooner than 7 days, and writes nothing', async () => {
      const patientId = await patient();
      const res = await taper(patientId, { startDose: 10, stepDown: 5, everyDays: 3, floor: 0 }).expect(422);
      expect(codes(res.body)).toContain('taper_shorter_than_minimum');
      expect(await orders(patientId)).toBe(0);
    });

    it('refuses a taper that drops more than 25 % of the starting daily total in a day', async () => {
      const patientId = await patient();
      const res = await taper(patientId, { startDose: 20, stepDown: 10, everyDays: 4, floor: 0 }).expect(422);
      expect(codes(res.body)).toEqual(['taper_daily_drop_too_large']);
      expect(await orders(patientId)).toBe(0);
    });

    it('orders an unsafe taper only with an override reason, stored and alerted', async () => {
      const patientId = await patient();
      const res = await taper(patientId, { startDose: 10, stepDown: 5, everyDays: 1, floor: 0 }, {
        taperOverrideReason: 'Switching to a benzodiazepine protocol tomorrow',
      }).expect(201);
      expect(res.body).toMatchObject({
        taperOverrideReason: 'Switching to a benzodiazepine protocol tomorrow',
        alerts: [expect.objectContaining({ rule: 'order_taper_override' })],
      });
    });

    it('accepts a gradual taper over at least 7 days without any override', async () => {
      const patientId = await patient();
      const res = await taper(patientId, { startDose: 20, stepDown: 5, everyDays: 2, floor: 0 }).expect(201);
      expect(res.body).toMatchObject({ taperOverrideReason: null, alerts: [], scheduledDoseCount: 16 });
    });
  });
});
