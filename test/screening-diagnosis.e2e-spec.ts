import { addToCareTeam, createPatient } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';

// DSM-5 diagnoses and their confirmation, ASAM level of care, and the gate on starting
// treatment (screening → detox/outpatient). All data is synthetic.
const CRITERIA_KEYS = [
  'larger_amounts_or_longer', 'unsuccessful_efforts_to_cut_down', 'time_spent', 'craving', 'role_failure',
  'social_problems', 'activities_given_up', 'hazardous_use', 'continued_despite_problems', 'tolerance', 'withdrawal',
];

/** The first `count` criteria (in DSM-5 order) present, the rest absent. */
const criteriaWith = (count: number) => Object.fromEntries(CRITERIA_KEYS.map((key, i) => [key, i < count]));

const RATINGS = {
  d1_intoxication_withdrawal: 1, d2_biomedical: 0, d3_emotional_behavioral: 2,
  d4_readiness_to_change: 2, d5_relapse_potential: 3, d6_recovery_environment: 1,
};

describe('diagnosis, level of care and the treatment gate', () => {
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

  async function teamPatient(): Promise<string> {
    const patient = await createPatient(t, caseManager);
    await addToCareTeam(t, patient.id, clinician);
    return patient.id;
  }

  const diagnosesUrl = (patientId: string) => `/api/v1/patients/${patientId}/diagnoses`;
  const confirmUrl = (patientId: string, id: string) => `${diagnosesUrl(patientId)}/${id}/confirm`;
  /** The recording clinician confirms their own diagnosis with an attestation (the default setting allows it). */
  const SELF_ATTESTED = { attestation: 'Criteria reviewed with the patient and collateral history.' };
  const levelUrl = (patientId: string) => `/api/v1/patients/${patientId}/level-of-care`;
  const phaseUrl = (patientId: string) => `/api/v1/patients/${patientId}/phase`;

  async function diagnose(patientId: string, count: number, confirm = true): Promise<string> {
    const res = await as(clinician).post(diagnosesUrl(patientId), { substance: 'alcohol', criteria: criteriaWith(count) }).expect(201);
    if (confirm) await as(clinician).post(confirmUrl(patientId, res.body.id), SELF_ATTESTED).expect(200);
    return res.body.id as string;
  }

  const assessLevel = (patientId: string, recommendedLevel: string) =>
    as(clinician).post(levelUrl(patientId), { ratings: RATINGS, recommendedLevel }).expect(201);

  describe('diagnoses', () => {
    it.each([
      [0, 'none'], [1, 'none'], [2, 'mild'], [3, 'mild'], [4, 'moderate'], [5, 'moderate'], [6, 'severe'], [11, 'severe'],
    ])('computes %i criteria present as severity %s', async (count, severity) => {
      const patientId = await teamPatient();
      const res = await as(clinician).post(diagnosesUrl(patientId), { substance: 'opioids', criteria: criteriaWith(count) }).expect(201);
      expect(res.body).toMatchObject({
        patientId, substance: 'opioids', criteriaCount: count, severity, confirmed: false, confirmedBy: null,
        confirmedAt: null, recordedBy: clinician.id, icd10Code: null,
      });
      expect(res.body.criteria).toEqual(criteriaWith(count));
      const [row] = await t.db.query(`SELECT criteria_count, severity, criteria FROM diagnoses WHERE id = $1`, [res.body.id]);
      expect(row).toEqual({ criteria_count: count, severity, criteria: criteriaWith(count) });
    });

    it('stores a normalised substance and an ICD-10-CM code', async () => {
      const patientId = await teamPatient();
      const res = await as(clinician)
        .post(diagnosesUrl(patientId), { substance: '  Alcohol ', criteria: criteriaWith(5), icd10Code: 'f10.20' })
        .expect(201);
      expect(res.body).toMatchObject({ substance: 'alcohol', icd10Code: 'F10.20', severity: 'moderate' });
      const list = await as(caseManager).get(diagnosesUrl(patientId)).expect(200);
      expect(list.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: res.body.id, icd10Code: 'F10.20' })] });
      const filtered = await as(caseManager).get(`${diagnosesUrl(patientId)}?substance=opioids`).expect(200);
      expect(filtered.body.total).toBe(0);
    });

    it.each([
      ['a missing criterion', { substance: 'alcohol', criteria: { ...criteriaWith(3), craving: undefined } },
        [{ field: 'criteria.craving', message: 'is required' }]],
      ['a non-boolean criterion', { substance: 'alcohol', criteria: { ...criteriaWith(3), tolerance: 'yes' } },
        [{ field: 'criteria.tolerance', message: 'must be true or false' }]],
      ['an unknown criterion', { substance: 'alcohol', criteria: { ...criteriaWith(3), legal_problems: true } },
        [{ field: 'criteria.legal_problems', message: 'is not a DSM-5 SUD criterion' }]],
      ['criteria as an array', { substance: 'alcohol', criteria: [true, true, false] },
        [{ field: 'criteria', message: 'must be an object keyed by criterion' }]],
      ['a malformed ICD-10-CM code', { substance: 'alcohol', criteria: criteriaWith(3), icd10Code: 'F1020X' },
        [{ field: 'icd10Code', message: 'icd10Code must be an ICD-10-CM code such as F10.20' }]],
      ['a client-sent severity', { substance: 'alcohol', criteria: criteriaWith(3), severity: 'severe' },
        [{ field: 'severity', message: expect.stringContaining('unknown field') }]],
      ['a client-sent confirmation', { substance: 'alcohol', criteria: criteriaWith(3), confirmedBy: '00000000-0000-4000-8000-000000000000' },
        [{ field: 'confirmedBy', message: expect.stringContaining('unknown field') }]],
    ])('refuses %s with a 400 naming the field, storing nothing', async (_name, body, errors) => {
      const patientId = await teamPatient();
      const res = await as(clinician).post(diagnosesUrl(patientId), body).expect(400);
      expect(res.body.errors).toEqual(errors);
      expect(await t.count('diagnoses', 'patient_id = $1', [patientId])).toBe(0);
    });

    it('records the confirming clinician and time once; a second confirmation is 409', async () => {
      const patientId = await teamPatient();
      const id = await diagnose(patientId, 4, false);
      const before = Date.now();
      const res = await as(clinician).post(confirmUrl(patientId, id), SELF_ATTESTED).expect(200);
      expect(res.body).toMatchObject({ id, confirmed: true, confirmedBy: clinician.id });
      expect(Math.abs(new Date(res.body.confirmedAt).getTime() - before)).toBeLessThan(60_000);
      const again = await as(clinician).post(confirmUrl(patientId, id), SELF_ATTESTED).expect(409);
      expect(again.body).toMatchObject({ detail: 'The diagnosis is already confirmed.', confirmedBy: clinician.id });
      const [row] = await t.db.query(`SELECT confirmed_by, confirmed_at FROM diagnoses WHERE id = $1`, [id]);
      expect(row.confirmed_by).toBe(clinician.id);
      expect(new Date(row.confirmed_at).toISOString()).toBe(res.body.confirmedAt);
      expect(await t.count('audit_events', `patient_id = $1 AND action = 'diagnosis.confirm'`, [patientId])).toBe(1);
    });

    it('lets two concurrent confirmations succeed only once', async () => {
      const patientId = await teamPatient();
      const id = await diagnose(patientId, 4, false);
      const statuses = (await Promise.all([1, 2].map(() => as(clinician).post(confirmUrl(patientId, id), SELF_ATTESTED)))).map((r) => r.status);
      expect(statuses.sort()).toEqual([200, 409]);
    });

    it('answers 404 for an unknown diagnosis or one belonging to another patient', async () => {
      const patientId = await teamPatient();
      const other = await teamPatient();
      const id = await diagnose(other, 3, false);
      await as(clinician).post(confirmUrl(patientId, id), SELF_ATTESTED).expect(404);
      await as(clinician).post(confirmUrl(patientId, '00000000-0000-4000-8000-000000000000'), SELF_ATTESTED).expect(404);
      expect(await t.count('diagnoses', 'id = $1 AND confirmed_at IS NOT NULL', [id])).toBe(0);
    });

    it('the database keeps severity consistent with the count and confirmation whole and once', async () => {
      const patientId = await teamPatient();
      const id = await diagnose(patientId, 2, false);
      await expect(
        t.db.query(
          `INSERT INTO diagnoses (patient_id, substance, criteria, criteria_count, severity, recorded_by)
           VALUES ($1, 'alcohol', '{"craving": true, "tolerance": true}', 2, 'severe', $2)`,
          [patientId, clinician.id],
        ),
      ).rejects.toThrow(/diagnoses_severity_count_check/);
      await expect(t.db.query(`UPDATE diagnoses SET confirmed_at = now() WHERE id = $1`, [id])).rejects.toThrow(
        /diagnoses_confirmation_check/,
      );
      await expect(t.db.query(`UPDATE diagnoses SET severity = 'none', criteria_count = 0 WHERE id = $1`, [id])).rejects.toThrow(
        /cannot be edited/,
      );
      await expect(t.db.query(`UPDATE diagnoses SET medically_supervised = true, criteria_count = 1, severity = 'none' WHERE id = $1`, [id]))
        .rejects.toThrow(/cannot be edited/);
      await expect(t.db.query(`UPDATE diagnoses SET confirmed_at = now(), confirmed_by = $2 WHERE id = $1`, [id, clinician.id]))
        .rejects.toThrow(/diagnoses_self_confirmation_check/);
      await t.db.query(`UPDATE diagnoses SET confirmed_at = now(), confirmed_by = $2 WHERE id = $1`, [id, outsider.id]);
      await expect(
        t.db.query(`UPDATE diagnoses SET confirmed_at = now(), confirmed_by = $2 WHERE id = $1`, [id, clinician.id]),
      ).rejects.toThrow(/already confirmed/);
      await expect(t.db.query(`DELETE FROM diagnoses WHERE id = $1`, [id])).rejects.toThrow(/cannot be deleted/);
    });
  });

  describe('roles', () => {
    it('lets case managers read diagnoses and levels of care but not record or confirm them', async () => {
      const patientId = await teamPatient();
      const id = await diagnose(patientId, 3, false);
      await assessLevel(patientId, '2.1');
      await as(caseManager).post(diagnosesUrl(patientId), { substance: 'alcohol', criteria: criteriaWith(3) }).expect(403);
      await as(caseManager).post(confirmUrl(patientId, id)).expect(403);
      await as(caseManager).post(levelUrl(patientId), { ratings: RATINGS, recommendedLevel: '1' }).expect(403);
      const diagnoses = await as(caseManager).get(diagnosesUrl(patientId)).expect(200);
      expect(diagnoses.body.items).toEqual([expect.objectContaining({ id, severity: 'mild', confirmed: false })]);
      const levels = await as(caseManager).get(levelUrl(patientId)).expect(200);
      expect(levels.body.items).toEqual([expect.objectContaining({ recommendedLevel: '2.1', outcome: 'accepted' })]);
      expect(await t.count('diagnoses', 'patient_id = $1', [patientId])).toBe(1);
      expect(await t.count('level_of_care_assessments', 'patient_id = $1', [patientId])).toBe(1);
    });

    it('refuses admins any clinical access with 403', async () => {
      const patientId = await teamPatient();
      const id = await diagnose(patientId, 3, false);
      await as(admin).get(diagnosesUrl(patientId)).expect(403);
      await as(admin).post(diagnosesUrl(patientId), { substance: 'alcohol', criteria: criteriaWith(3) }).expect(403);
      await as(admin).post(confirmUrl(patientId, id)).expect(403);
      await as(admin).get(levelUrl(patientId)).expect(403);
      await as(admin).post(levelUrl(patientId), { ratings: RATINGS, recommendedLevel: '1' }).expect(403);
      expect(await t.count('diagnoses', 'patient_id = $1', [patientId])).toBe(1);
      expect(await t.count('diagnoses', 'id = $1 AND confirmed_at IS NULL', [id])).toBe(1);
    });

    it('answers 404 to a clinician outside the care team and writes nothing', async () => {
      const patientId = await teamPatient();
      const id = await diagnose(patientId, 3, false);
      await as(outsider).get(diagnosesUrl(patientId)).expect(404);
      await as(outsider).post(diagnosesUrl(patientId), { substance: 'alcohol', criteria: criteriaWith(3) }).expect(404);
      await as(outsider).post(confirmUrl(patientId, id)).expect(404);
      await as(outsider).post(levelUrl(patientId), { ratings: RATINGS, recommendedLevel: '1' }).expect(404);
      expect(await t.count('diagnoses', 'patient_id = $1', [patientId])).toBe(1);
      expect(await t.count('diagnoses', 'id = $1 AND confirmed_at IS NULL', [id])).toBe(1);
      expect(await t.count('level_of_care_assessments', 'patient_id = $1', [patientId])).toBe(0);
    });

    it('lets an emergency-access clinician read diagnoses but not confirm one (403, audited)', async () => {
      const patientId = await teamPatient();
      const id = await diagnose(patientId, 6, false);
      const doctor = await t.createUser('clinician');
      await as(doctor).post(`/api/v1/patients/${patientId}/emergency-access`, { reason: 'Seizure in the waiting room, team unreachable' }).expect(201);
      const read = await as(doctor).get(diagnosesUrl(patientId)).expect(200);
      expect(read.body.items).toEqual([expect.objectContaining({ id, severity: 'severe' })]);
      const refused = await as(doctor).post(confirmUrl(patientId, id)).expect(403);
      expect(refused.body.detail).toMatch(/care team/);
      expect(await t.count('diagnoses', 'id = $1 AND confirmed_at IS NULL', [id])).toBe(1);
      const audits = await t.db.query(
        `SELECT action, outcome, emergency_access FROM audit_events WHERE patient_id = $1 AND user_id = $2
         AND action LIKE 'diagnosis.%' ORDER BY id`,
        [patientId, doctor.id],
      );
      expect(audits).toEqual([
        { action: 'diagnosis.read', outcome: 'success', emergency_access: true },
        { action: 'diagnosis.confirm', outcome: 'denied', emergency_access: true },
      ]);
    });
  });

  describe('level of care', () => {
    it.each([
      ['1', 'accepted'], ['2.1', 'accepted'], ['0.5', 'refer_out'], ['2.5', 'refer_out'], ['3.1', 'refer_out'], ['3.3', 'refer_out'],
      ['3.5', 'refer_out'], ['3.7', 'refer_out'], ['4', 'refer_out'],
    ])('stores level %s with outcome %s', async (level, outcome) => {
      const patientId = await teamPatient();
      const res = await assessLevel(patientId, level);
      expect(res.body).toMatchObject({ patientId, ratings: RATINGS, recommendedLevel: level, outcome, recordedBy: clinician.id });
      const [row] = await t.db.query(
        `SELECT recommended_level, outcome, d5_relapse_potential FROM level_of_care_assessments WHERE id = $1`,
        [res.body.id],
      );
      expect(row).toEqual({ recommended_level: level, outcome, d5_relapse_potential: 3 });
      const [audit] = await t.db.query(
        `SELECT resource_id, details FROM audit_events WHERE patient_id = $1 AND action = 'level-of-care.create'`,
        [patientId],
      );
      expect(audit).toEqual({ resource_id: res.body.id, details: { recommendedLevel: level, outcome } });
    });

    it.each([
      ['a level ASAM does not define (3.2)', { ratings: RATINGS, recommendedLevel: '3.2' }, 'recommendedLevel'],
      ['a level sent as a number', { ratings: RATINGS, recommendedLevel: 2.1 }, 'recommendedLevel'],
      ['a rating above 4', { ratings: { ...RATINGS, d2_biomedical: 5 }, recommendedLevel: '1' }, 'ratings.d2_biomedical'],
      ['a missing dimension', { ratings: { ...RATINGS, d6_recovery_environment: undefined }, recommendedLevel: '1' },
        'ratings.d6_recovery_environment'],
      ['a client-sent outcome', { ratings: RATINGS, recommendedLevel: '3.7', outcome: 'accepted' }, 'outcome'],
    ])('refuses %s with a 400 naming the field, storing nothing', async (_name, body, field) => {
      const patientId = await teamPatient();
      const res = await as(clinician).post(levelUrl(patientId), body).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
      expect(await t.count('level_of_care_assessments', 'patient_id = $1', [patientId])).toBe(0);
    });

    it('lists assessments newest first, and the database ties the outcome to the level', async () => {
      const patientId = await teamPatient();
      await assessLevel(patientId, '3.7');
      await assessLevel(patientId, '1');
      const list = await as(clinician).get(levelUrl(patientId)).expect(200);
      expect(list.body.items.map((a: { recommendedLevel: string }) => a.recommendedLevel)).toEqual(['1', '3.7']);
      await expect(
        t.db.query(
          `INSERT INTO level_of_care_assessments (patient_id, d1_intoxication_withdrawal, d2_biomedical, d3_emotional_behavioral,
             d4_readiness_to_change, d5_relapse_potential, d6_recovery_environment, recommended_level, outcome, recorded_by)
           VALUES ($1, 0, 0, 0, 0, 0, 0, '3.7', 'accepted', $2)`,
          [patientId, clinician.id],
        ),
      ).rejects.toThrow(/level_of_care_outcome_check/);
    });
  });

  describe('gate: screening → detox or outpatient', () => {
    const move = (patientId: string, to: string) =>
      as(clinician).post(phaseUrl(patientId), { to, reason: 'ready to start treatment' });

    async function expectRefused(patientId: string, to: string, detail: RegExp, notDetail?: RegExp) {
      const res = await move(patientId, to).expect(409);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/gate-not-met$/), status: 409, from: 'screening', to });
      expect(res.body.detail).toMatch(detail);
      if (notDetail) expect(res.body.detail).not.toMatch(notDetail);
      const [row] = await t.db.query(`SELECT phase FROM patients WHERE id = $1`, [patientId]);
      expect(row.phase).toBe('screening');
      expect(await t.count('patient_phase_changes', 'patient_id = $1', [patientId])).toBe(1);
    }

    it('refuses until a confirmed mild-or-worse diagnosis and an accepted level of care exist, naming what is missing', async () => {
      const patientId = await teamPatient();
      await expectRefused(patientId, 'detox', /no confirmed diagnosis.*; and no level-of-care assessment/);

      const unconfirmed = await diagnose(patientId, 3, false);
      await expectRefused(patientId, 'outpatient', /no confirmed diagnosis/);

      await as(clinician).post(confirmUrl(patientId, unconfirmed), SELF_ATTESTED).expect(200);
      await expectRefused(patientId, 'detox', /no level-of-care assessment is recorded/, /diagnosis/);

      await assessLevel(patientId, '3.7');
      await expectRefused(patientId, 'detox', /recommends level 3\.7, which the program does not treat/, /diagnosis/);

      await assessLevel(patientId, '2.1');
      const moved = await move(patientId, 'detox').expect(200);
      expect(moved.body.phase).toBe('detox');
      expect(await t.count('patient_phase_changes', `patient_id = $1 AND to_phase = 'detox'`, [patientId])).toBe(1);
    });

    it('does not count a confirmed diagnosis with no disorder (0-1 criteria)', async () => {
      const patientId = await teamPatient();
      await diagnose(patientId, 1);
      await assessLevel(patientId, '1');
      await expectRefused(patientId, 'outpatient', /below mild severity/, /level/);
      await diagnose(patientId, 2);
      await move(patientId, 'outpatient').expect(200);
    });

    it('counts only the latest confirmed diagnosis for each substance', async () => {
      const patientId = await teamPatient();
      await diagnose(patientId, 5);
      await assessLevel(patientId, '1');
      // A later re-assessment of the same substance found no disorder: the moderate one is superseded.
      await diagnose(patientId, 1);
      await expectRefused(patientId, 'outpatient', /below mild severity/, /level/);
      // A newer diagnosis not yet confirmed supersedes nothing.
      await diagnose(patientId, 6, false);
      await expectRefused(patientId, 'outpatient', /below mild severity/);
      const opioids = await as(clinician).post(diagnosesUrl(patientId), { substance: 'opioids', criteria: criteriaWith(2) }).expect(201);
      await as(clinician).post(confirmUrl(patientId, opioids.body.id), SELF_ATTESTED).expect(200);
      await move(patientId, 'outpatient').expect(200);
    });

    it('looks at the latest level-of-care assessment only', async () => {
      const patientId = await teamPatient();
      await diagnose(patientId, 7);
      await assessLevel(patientId, '1');
      await assessLevel(patientId, '4');
      await expectRefused(patientId, 'outpatient', /recommends level 4,/);
    });

    it('does not hold back a discharge from screening', async () => {
      const patientId = await teamPatient();
      await as(caseManager)
        .post(phaseUrl(patientId), { to: 'discharged', reason: 'declined treatment', dischargeReason: 'administrative' })
        .expect(200);
    });
  });
});
