import type { DemoClient } from './demo-api';
import type { DemoUserKey } from './demo-users';

type Severity = 'mild' | 'moderate' | 'severe';
type DemoPhase = 'screening' | 'detox' | 'outpatient' | 'aftercare' | 'discharged';

interface DemoPatient {
  given: string; family: string; dob: string; sex: 'female' | 'male' | 'intersex' | 'unknown';
  substances: string[]; phase: DemoPhase; severity: Severity;
  clinician: 'clinician1' | 'clinician2' | 'clinician3'; caseManager: 'caseManager1' | 'caseManager2';
}

/** About twenty synthetic patients across every phase; names are invented. */
export const DEMO_PATIENTS: readonly DemoPatient[] = [
  { given: 'Avery', family: 'Sample', dob: '1979-03-14', sex: 'male', substances: ['alcohol'], phase: 'screening', severity: 'moderate', clinician: 'clinician1', caseManager: 'caseManager1' },
  { given: 'Rowan', family: 'Testwell', dob: '1991-08-22', sex: 'female', substances: ['cocaine'], phase: 'screening', severity: 'mild', clinician: 'clinician2', caseManager: 'caseManager2' },
  { given: 'Sasha', family: 'Mockford', dob: '1968-12-01', sex: 'female', substances: ['alcohol'], phase: 'screening', severity: 'severe', clinician: 'clinician3', caseManager: 'caseManager1' },
  { given: 'Ellis', family: 'Demoson', dob: '2000-05-17', sex: 'male', substances: ['opioids'], phase: 'screening', severity: 'moderate', clinician: 'clinician1', caseManager: 'caseManager2' },
  { given: 'Casey', family: 'Specimen', dob: '1992-11-21', sex: 'female', substances: ['baclofen', 'alcohol'], phase: 'detox', severity: 'severe', clinician: 'clinician1', caseManager: 'caseManager1' },
  { given: 'Drew', family: 'Placeholder', dob: '1985-01-30', sex: 'male', substances: ['cocaine'], phase: 'outpatient', severity: 'moderate', clinician: 'clinician1', caseManager: 'caseManager1' },
  { given: 'Blair', family: 'Example', dob: '1988-07-02', sex: 'female', substances: ['opioids'], phase: 'outpatient', severity: 'severe', clinician: 'clinician2', caseManager: 'caseManager1' },
  { given: 'Harper', family: 'Fixture', dob: '1976-04-09', sex: 'female', substances: ['alcohol'], phase: 'outpatient', severity: 'moderate', clinician: 'clinician1', caseManager: 'caseManager2' },
  { given: 'Jules', family: 'Stubbs', dob: '1995-09-30', sex: 'male', substances: ['benzodiazepines'], phase: 'outpatient', severity: 'moderate', clinician: 'clinician3', caseManager: 'caseManager2' },
  { given: 'Kai', family: 'Dummond', dob: '1983-02-11', sex: 'unknown', substances: ['alcohol', 'cocaine'], phase: 'outpatient', severity: 'severe', clinician: 'clinician2', caseManager: 'caseManager1' },
  { given: 'Lane', family: 'Proto', dob: '1999-06-05', sex: 'female', substances: ['opioids'], phase: 'outpatient', severity: 'moderate', clinician: 'clinician3', caseManager: 'caseManager1' },
  { given: 'Morgan', family: 'Templeton', dob: '1971-10-19', sex: 'male', substances: ['alcohol'], phase: 'outpatient', severity: 'mild', clinician: 'clinician1', caseManager: 'caseManager2' },
  { given: 'Noel', family: 'Sampleton', dob: '1987-03-03', sex: 'male', substances: ['tobacco', 'alcohol'], phase: 'outpatient', severity: 'mild', clinician: 'clinician2', caseManager: 'caseManager2' },
  { given: 'Emery', family: 'Fictional', dob: '1970-05-09', sex: 'unknown', substances: ['benzodiazepines'], phase: 'aftercare', severity: 'moderate', clinician: 'clinician3', caseManager: 'caseManager1' },
  { given: 'Parker', family: 'Madeup', dob: '1982-07-27', sex: 'female', substances: ['alcohol'], phase: 'aftercare', severity: 'moderate', clinician: 'clinician1', caseManager: 'caseManager2' },
  { given: 'Quinn', family: 'Notreal', dob: '1993-01-15', sex: 'male', substances: ['opioids'], phase: 'aftercare', severity: 'severe', clinician: 'clinician2', caseManager: 'caseManager1' },
  { given: 'Reese', family: 'Imaginary', dob: '1966-11-08', sex: 'female', substances: ['alcohol'], phase: 'aftercare', severity: 'mild', clinician: 'clinician3', caseManager: 'caseManager2' },
  { given: 'Sky', family: 'Invented', dob: '1990-04-24', sex: 'male', substances: ['cocaine'], phase: 'discharged', severity: 'moderate', clinician: 'clinician2', caseManager: 'caseManager2' },
  { given: 'Tatum', family: 'Pseudo', dob: '1978-08-13', sex: 'female', substances: ['alcohol'], phase: 'discharged', severity: 'mild', clinician: 'clinician3', caseManager: 'caseManager1' },
  { given: 'Val', family: 'Synthetica', dob: '1986-12-29', sex: 'intersex', substances: ['opioids'], phase: 'outpatient', severity: 'moderate', clinician: 'clinician1', caseManager: 'caseManager1' },
];

/** Marks the demo's patients; a database that has any is not seeded twice. */
export const DEMO_REFERRAL = 'demo data';

// AUDIT (WHO 2001) answers whose totals fall in zones II, III and IV; items 9-10 take 0, 2 or 4.
const AUDIT_ANSWERS: Record<Severity, number[]> = {
  mild: [2, 2, 1, 1, 1, 1, 1, 1, 0, 2],
  moderate: [3, 3, 2, 2, 1, 2, 1, 2, 0, 2],
  severe: [4, 4, 3, 3, 2, 2, 2, 2, 2, 2],
};
// DAST-10 (Skinner 1982): item 3 is reverse-scored, so "no" there counts a point. Totals 2 (low), 4 (moderate), 7 (substantial).
const DAST_ANSWERS: Record<Severity, string[]> = {
  mild: ['yes', 'no', 'yes', 'yes', 'no', 'no', 'no', 'no', 'no', 'no'],
  moderate: ['yes', 'yes', 'no', 'yes', 'no', 'no', 'no', 'no', 'no', 'no'],
  severe: ['yes', 'yes', 'no', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'no'],
};
// PHQ-9 (Kroenke 2001) total 5, mild; item 9 (self-harm) answered 0.
const PHQ9_MILD = [1, 1, 1, 1, 0, 1, 0, 0, 0];
// DSM-5 SUD severity: 2-3 criteria mild, 4-5 moderate, 6+ severe.
const CRITERIA_COUNT: Record<Severity, number> = { mild: 3, moderate: 5, severe: 7 };
const CRITERIA = [
  'larger_amounts_or_longer', 'unsuccessful_efforts_to_cut_down', 'time_spent', 'craving', 'role_failure',
  'social_problems', 'activities_given_up', 'hazardous_use', 'continued_despite_problems', 'tolerance', 'withdrawal',
];
// ASAM: 2.1 intensive outpatient for moderate and severe disorders, 1 outpatient for mild ones.
const LEVEL: Record<Severity, { level: string; ratings: number[] }> = {
  mild: { level: '1', ratings: [0, 0, 1, 1, 1, 1] },
  moderate: { level: '2.1', ratings: [1, 0, 2, 2, 2, 1] },
  severe: { level: '2.1', ratings: [2, 1, 2, 2, 3, 2] },
};
const ASAM_KEYS = [
  'd1_intoxication_withdrawal', 'd2_biomedical', 'd3_emotional_behavioral', 'd4_readiness_to_change',
  'd5_relapse_potential', 'd6_recovery_environment',
];

/** The path each phase takes from screening (DOMAIN.md: treatment starts after a confirmed diagnosis). */
const PATH: Record<DemoPhase, string[]> = {
  screening: [],
  detox: ['detox'],
  outpatient: ['outpatient'],
  aftercare: ['outpatient', 'aftercare'],
  discharged: ['outpatient', 'aftercare', 'discharged'],
};

/** The plan written at discharge to aftercare (the move needs one); synthetic. */
const DEMO_AFTERCARE_PLAN = {
  goals: [
    { text: 'Attend two mutual-help meetings a week', status: 'in_progress' },
    { text: 'Return to full-time work', status: 'not_started' },
  ],
  relapsePrevention: {
    triggers: ['payday evenings'], copingStrategies: ['call a support contact'], warningSigns: ['skipping meetings'],
  },
  supportContacts: [{ name: 'Jordan Example', relation: 'sibling', phone: '+1 555 0142' }],
  medicationsToContinue: [],
  supportGroups: [],
};

export interface SeededPatient { id: string; patient: DemoPatient }

/** Registers the demo patients through the API, each with a care team, screenings and, past screening, a diagnosis. */
export async function seedDemoPatients(
  as: Record<DemoUserKey, DemoClient>,
  ids: Record<DemoUserKey, string>,
): Promise<SeededPatient[]> {
  const seeded: SeededPatient[] = [];
  for (const p of DEMO_PATIENTS) {
    const caseManager = as[p.caseManager];
    const clinician = as[p.clinician];
    const { id } = await caseManager.post<{ id: string }>('/api/v1/patients', {
      givenName: p.given, familyName: p.family, dateOfBirth: p.dob, sexAtBirth: p.sex,
      primarySubstances: p.substances, referralSource: DEMO_REFERRAL,
    });
    const base = `/api/v1/patients/${id}`;
    await caseManager.post(`${base}/care-team`, { userId: ids[p.clinician] });
    const alcohol = p.substances.includes('alcohol');
    await caseManager.post(`${base}/screenings`, alcohol
      ? { instrument: 'AUDIT', answers: AUDIT_ANSWERS[p.severity] }
      : { instrument: 'DAST-10', answers: DAST_ANSWERS[p.severity] });
    await caseManager.post(`${base}/screenings`, { instrument: 'PHQ-9', answers: PHQ9_MILD });
    if (p.phase !== 'screening') await diagnose(clinician, base, p);
    for (const to of PATH[p.phase]) {
      if (to === 'aftercare') await caseManager.post(`${base}/aftercare-plan`, DEMO_AFTERCARE_PLAN);
      await clinician.post(`${base}/phase`, {
        to, reason: `demo: ${to}`, ...(to === 'discharged' ? { dischargeReason: 'completed' } : {}),
      });
    }
    seeded.push({ id, patient: p });
  }
  return seeded;
}

async function diagnose(clinician: DemoClient, base: string, p: DemoPatient): Promise<void> {
  const count = CRITERIA_COUNT[p.severity];
  const criteria = Object.fromEntries(CRITERIA.map((key, i) => [key, i < count]));
  const diagnosis = await clinician.post<{ id: string }>(`${base}/diagnoses`, { substance: p.substances[0], criteria });
  await clinician.post(`${base}/diagnoses/${diagnosis.id}/confirm`, {
    attestation: 'Reviewed the criteria with the patient (synthetic demo record).',
  });
  const { level, ratings } = LEVEL[p.severity];
  await clinician.post(`${base}/level-of-care`, {
    recommendedLevel: level, ratings: Object.fromEntries(ASAM_KEYS.map((key, i) => [key, ratings[i]])),
  });
}
