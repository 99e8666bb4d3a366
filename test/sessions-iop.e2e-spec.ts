import { JobRunner } from '../src/platform/jobs/job-runner.service';
import { addToCareTeam } from './support/factories';
import { createTestApp, type TestApp, type TestUser } from './support/test-app';
import { booked, ny, patientOf } from './support/sessions-fixtures';

/**
 * Issue 11, "IOP": weekly targets by age (ASAM 2.1: adults 9 hours, adolescents 6) and a case-manager
 * alert, once, when a level-2.1 patient ends a week below target. All data is synthetic.
 */
describe('IOP: weekly targets by age and the below-target alert', () => {
  let t: TestApp;
  let clinician: TestUser;
  let caseManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    clinician = await t.createUser('clinician');
    caseManager = await t.createUser('case_manager');
  });
  afterAll(() => t.close());

  /** An attended past group session of `hours`, New York local start. */
  async function attended(patient: string, local: string, hours: number) {
    const start = ny(local);
    const end = new Date(new Date(start).getTime() + hours * 3_600_000).toISOString();
    const s = await booked(t, clinician, { kind: 'group', startsAt: start, endsAt: end, clinicianIds: [clinician.id], patientIds: [patient] });
    await t.as(clinician).post(`/api/v1/sessions/${s.id}/attendance`).send({ patientId: patient, status: 'attended' }).expect(201);
  }

  /** A patient in outpatient since 2024-12-30 at ASAM level `level`, assessed on 2024-12-20. */
  async function iopPatient(dateOfBirth: string, level = '2.1'): Promise<string> {
    const patient = await patientOf(t, clinician, { dateOfBirth });
    await addToCareTeam(t, patient, caseManager);
    await t.db.query(
      `INSERT INTO level_of_care_assessments (patient_id, d1_intoxication_withdrawal, d2_biomedical, d3_emotional_behavioral,
         d4_readiness_to_change, d5_relapse_potential, d6_recovery_environment, recommended_level, outcome, recorded_by, recorded_at)
       VALUES ($1, 1, 0, 1, 2, 2, 1, $2, $3, $4, '2024-12-20T15:00:00Z')`,
      [patient, level, level === '2.1' || level === '1' ? 'accepted' : 'referred_out', clinician.id],
    );
    await t.db.query(
      `INSERT INTO patient_phase_changes (patient_id, from_phase, to_phase, reason, changed_by, changed_at)
       VALUES ($1, 'screening', 'outpatient', 'synthetic start', $2, '2024-12-30T14:00:00Z')`,
      [patient, clinician.id],
    );
    return patient;
  }

  const iopAlerts = (patient: string) =>
    t.db.query(`SELECT audience, category, severity, reading FROM alerts WHERE patient_id = $1 AND rule = 'iop_below_target' ORDER BY raised_at`, [patient]);
  const runAt = (local: string) => t.app.get(JobRunner).runNow('sessions.iop-shortfall', new Date(ny(local)));

  it('sets an adolescent a 6-hour week and an adult a 9-hour week', async () => {
    const teen = await iopPatient('2010-05-01');
    await attended(teen, '2025-01-13T13:00', 3);
    await attended(teen, '2025-01-15T13:00', 3);
    const res = await t.as(caseManager).get(`/api/v1/patients/${teen}/iop-hours`).query({ from: '2025-01-13', to: '2025-01-19' }).expect(200);
    expect(res.body).toMatchObject({ targetHours: 6, weeks: [{ attendedHours: 6, targetHours: 6, metTarget: true }] });
    const adult = await iopPatient('1980-05-01');
    await attended(adult, '2025-01-13T18:00', 3);
    await attended(adult, '2025-01-15T18:00', 3);
    const adultRes = await t.as(caseManager).get(`/api/v1/patients/${adult}/iop-hours`).query({ from: '2025-01-13', to: '2025-01-19' }).expect(200);
    expect(adultRes.body).toMatchObject({ targetHours: 9, weeks: [{ attendedHours: 6, targetHours: 9, metTarget: false }] });
  });

  it('alerts the case manager once when a level-2.1 adult ends a week below 9 hours, not a teen at 6 or a level-1 patient', async () => {
    const adult = await iopPatient('1981-02-03');
    await attended(adult, '2025-01-14T18:00', 3);
    await attended(adult, '2025-01-16T18:00', 3);
    const teen = await iopPatient('2010-02-03');
    await attended(teen, '2025-01-14T15:00', 3);
    await attended(teen, '2025-01-16T15:00', 3);
    const standard = await iopPatient('1982-02-03', '1');

    const weeksAlerted = async (patient: string) =>
      ((await iopAlerts(patient)) as { reading: { weekStart: string } }[]).map((a) => a.reading.weekStart).sort();

    await runAt('2025-01-19T23:00'); // the week of the 13th has not ended: only the empty week before is judged
    expect(await weeksAlerted(adult)).toEqual(['2025-01-06']);
    await runAt('2025-01-20T09:00');
    await runAt('2025-01-20T10:00');
    expect(await weeksAlerted(adult)).toEqual(['2025-01-06', '2025-01-13']);
    const [, latest] = (await iopAlerts(adult)) as unknown[];
    expect(latest).toEqual({
      audience: 'case_manager', category: 'engagement', severity: 'warning',
      reading: expect.objectContaining({ weekStart: '2025-01-13', attendedHours: 6, targetHours: 9, metTarget: false }),
    });
    expect(await weeksAlerted(teen)).toEqual(['2025-01-06']);
    expect(await iopAlerts(standard)).toEqual([]);
  });
});
