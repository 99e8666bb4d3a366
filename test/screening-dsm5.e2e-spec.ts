import { DateTime } from 'luxon';
import { addToCareTeam, createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

// Issue 11, "DSM-5 in full": medical supervision, specifiers, the 12-month look-back and who
// confirms. All data is synthetic.
const KEYS = [
  'larger_amounts_or_longer', 'unsuccessful_efforts_to_cut_down', 'time_spent', 'craving', 'role_failure',
  'social_problems', 'activities_given_up', 'hazardous_use', 'continued_despite_problems', 'tolerance', 'withdrawal',
];
const criteria = (...present: string[]) => Object.fromEntries(KEYS.map((k) => [k, present.includes(k)]));
const RATINGS = {
  d1_intoxication_withdrawal: 1, d2_biomedical: 0, d3_emotional_behavioral: 2,
  d4_readiness_to_change: 2, d5_relapse_potential: 3, d6_recovery_environment: 1,
};
const ZONE = 'America/New_York';
const monthsAgo = (months: number) => DateTime.now().setZone(ZONE).minus({ months }).toISODate() as string;

describe('DSM-5 in full', () => {
  let t: TestApp;
  let clinician: TestUser;
  let colleague: TestUser;
  let caseManager: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    colleague = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  async function teamPatient(): Promise<string> {
    const patient = await createPatient(t, caseManager);
    await addToCareTeam(t, patient.id, clinician);
    await addToCareTeam(t, patient.id, colleague);
    return patient.id;
  }
  const diagnosesUrl = (patientId: string) => `/api/v1/patients/${patientId}/diagnoses`;
  const diagnose = (patientId: string, body: Record<string, unknown>) => t.as(clinician).post(diagnosesUrl(patientId), body);

  describe('medical supervision', () => {
    it('does not count tolerance and withdrawal from prescribed baclofen, so prescribed use alone never opens the treatment gate', async () => {
      const patientId = await teamPatient();
      const res = await diagnose(patientId, {
        substance: 'baclofen', criteria: criteria('tolerance', 'withdrawal'), medicallySupervised: true,
      }).expect(201);
      expect(res.body).toMatchObject({ criteriaCount: 0, severity: 'none', medicallySupervised: true, excludedCriteria: ['tolerance', 'withdrawal'] });
      await t.as(colleague).post(`${diagnosesUrl(patientId)}/${res.body.id}/confirm`, {}).expect(200);
      await t.as(clinician).post(`/api/v1/patients/${patientId}/level-of-care`, { ratings: RATINGS, recommendedLevel: '2.1' }).expect(201);
      const refused = await t.as(clinician).post(`/api/v1/patients/${patientId}/phase`, { to: 'detox', reason: 'start' }).expect(409);
      expect(refused.body.detail).toContain('below mild severity');
      const [row] = await t.db.query(`SELECT phase FROM patients WHERE id = $1`, [patientId]);
      expect(row.phase).toBe('screening');
    });

    it('refuses medical supervision for alcohol, and the database refuses a count that ignores it', async () => {
      const patientId = await teamPatient();
      const res = await diagnose(patientId, { substance: 'alcohol', criteria: criteria('tolerance', 'withdrawal'), medicallySupervised: true }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'medicallySupervised' })]);
      expect(await t.count('diagnoses', 'patient_id = $1', [patientId])).toBe(0);
      await expect(t.db.query(
        `INSERT INTO diagnoses (patient_id, substance, criteria, criteria_count, severity, recorded_by, medically_supervised)
         VALUES ($1, 'opioids', $2, 2, 'mild', $3, true)`,
        [patientId, JSON.stringify(criteria('tolerance', 'withdrawal')), clinician.id],
      )).rejects.toThrow(/diagnoses_counted_criteria_check/);
    });
  });

  describe('specifiers and the 12-month look-back', () => {
    it('records the 12 months the criteria describe', async () => {
      const patientId = await teamPatient();
      const res = await diagnose(patientId, { substance: 'opioids', criteria: criteria('craving', 'tolerance', 'time_spent') }).expect(201);
      const today = DateTime.now().setZone(ZONE);
      expect(res.body.criteriaPeriod).toEqual({
        start: today.minus({ years: 1 }).plus({ days: 1 }).toISODate(), end: today.toISODate(),
      });
      expect(res.body).toMatchObject({ remission: null, controlledEnvironment: false, maintenanceTherapy: false });
    });

    it('calls 3 to 12 months without criteria early remission and 12 or more sustained, in a controlled environment or on maintenance therapy', async () => {
      const patientId = await teamPatient();
      const full = criteria('craving', 'tolerance', 'time_spent', 'role_failure');
      const early = await diagnose(patientId, { substance: 'opioids', criteria: full, remission: { noCriteriaSince: monthsAgo(4) }, maintenanceTherapy: true }).expect(201);
      expect(early.body).toMatchObject({ remission: 'early', maintenanceTherapy: true, noCriteriaSince: monthsAgo(4) });
      expect(early.body.criteriaPeriod.end).toBe(monthsAgo(4));
      const sustained = await diagnose(patientId, {
        substance: 'opioids', criteria: full, remission: { noCriteriaSince: monthsAgo(13), controlledEnvironment: true },
      }).expect(201);
      expect(sustained.body).toMatchObject({ remission: 'sustained', controlledEnvironment: true });
    });

    it('refuses remission under 3 months, a controlled environment without remission and maintenance therapy for alcohol', async () => {
      const patientId = await teamPatient();
      const full = criteria('craving', 'tolerance', 'time_spent');
      const tooSoon = await diagnose(patientId, { substance: 'alcohol', criteria: full, remission: { noCriteriaSince: monthsAgo(1) } }).expect(400);
      expect(tooSoon.body.errors).toEqual([expect.objectContaining({ field: 'remission.noCriteriaSince' })]);
      const maintenance = await diagnose(patientId, { substance: 'alcohol', criteria: full, maintenanceTherapy: true }).expect(400);
      expect(maintenance.body.errors).toEqual([expect.objectContaining({ field: 'maintenanceTherapy' })]);
      expect(await t.count('diagnoses', 'patient_id = $1', [patientId])).toBe(0);
    });
  });

  describe('criteria by substance', () => {
    it('refuses withdrawal as a criterion for hallucinogens, phencyclidine and inhalants, and writes nothing', async () => {
      const patientId = await teamPatient();
      for (const substance of ['hallucinogens', 'phencyclidine', 'inhalants']) {
        const res = await diagnose(patientId, { substance, criteria: criteria('craving', 'time_spent', 'withdrawal') }).expect(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'criteria.withdrawal' })]);
      }
      expect(await t.count('diagnoses', 'patient_id = $1', [patientId])).toBe(0);
      const without = await diagnose(patientId, { substance: 'hallucinogens', criteria: criteria('craving', 'time_spent') }).expect(201);
      expect(without.body).toMatchObject({ criteriaCount: 2, severity: 'mild' });
      await diagnose(patientId, { substance: 'cannabis', criteria: criteria('craving', 'withdrawal') }).expect(201);
    });
  });

  describe('confirmation', () => {
    const confirm = (user: TestUser, patientId: string, id: string, body: Record<string, unknown> = {}) =>
      t.as(user).post(`${diagnosesUrl(patientId)}/${id}/confirm`, body);

    it('is confirmed by another clinician without an attestation, or by the recording one only with one', async () => {
      const patientId = await teamPatient();
      const first = await diagnose(patientId, { substance: 'alcohol', criteria: criteria('craving', 'time_spent') }).expect(201);
      const byColleague = await confirm(colleague, patientId, first.body.id).expect(200);
      expect(byColleague.body).toMatchObject({ confirmedBy: colleague.id, confirmationAttestation: null });

      const second = await diagnose(patientId, { substance: 'alcohol', criteria: criteria('craving', 'time_spent') }).expect(201);
      const bare = await confirm(clinician, patientId, second.body.id).expect(400);
      expect(bare.body.errors).toEqual([expect.objectContaining({ field: 'attestation' })]);
      expect(await t.count('diagnoses', 'id = $1 AND confirmed_at IS NULL', [second.body.id])).toBe(1);
      const attested = await confirm(clinician, patientId, second.body.id, { attestation: 'Sole clinician on site; reviewed twice.' }).expect(200);
      expect(attested.body).toMatchObject({ confirmedBy: clinician.id, confirmationAttestation: 'Sole clinician on site; reviewed twice.' });
    });

    it('needs another clinician when the program setting says so', async () => {
      await t.as(admin).put('/api/v1/settings/screening.diagnosis-confirmation', { value: { sameClinicianWithAttestation: false } }).expect(200);
      try {
        const patientId = await teamPatient();
        const d = await diagnose(patientId, { substance: 'alcohol', criteria: criteria('craving', 'time_spent') }).expect(201);
        await confirm(clinician, patientId, d.body.id, { attestation: 'I am sure.' }).expect(403);
        expect(await t.count('diagnoses', 'id = $1 AND confirmed_at IS NULL', [d.body.id])).toBe(1);
        await confirm(colleague, patientId, d.body.id).expect(200);
      } finally {
        await t.as(admin).put('/api/v1/settings/screening.diagnosis-confirmation', { value: { sameClinicianWithAttestation: true } }).expect(200);
      }
    });
  });
});
