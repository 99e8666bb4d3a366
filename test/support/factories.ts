import type { TestApp, TestUser } from './test-app';

/** Synthetic patient data; no real person. */
export function patientInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    givenName: 'Alex',
    familyName: 'Testperson',
    dateOfBirth: '1985-04-12',
    sexAtBirth: 'female',
    preferredLanguage: 'en',
    primarySubstances: ['alcohol'],
    referralSource: 'primary care',
    ...overrides,
  };
}

/** Registers a patient through the API as `by`, who joins the care team. */
export async function createPatient(
  t: TestApp,
  by: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; mrn: string; version: number }> {
  const res = await t.as(by).post('/api/v1/patients').send(patientInput(overrides));
  if (res.status !== 201) throw new Error(`createPatient failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; mrn: string; version: number };
}

/** Puts a user on a patient's care team directly in the database. */
export async function addToCareTeam(t: TestApp, patientId: string, user: TestUser): Promise<void> {
  await t.db.query(`INSERT INTO care_team_members (patient_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
    patientId,
    user.id,
  ]);
}
