import { createPatient } from './factories';
import type { TestApp, TestUser } from './test-app';

/*
 * Helpers shared by the detox e2e specs. The phase gate into detox belongs to
 * the screening module; these tests put patients into the detox phase directly.
 */

export const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

/**
 * Registers a patient as `by` (who joins the care team), records a confirmed
 * mild baclofen use disorder (medication orders need one) and moves it
 * straight to the detox phase.
 */
export async function detoxPatient(t: TestApp, by: TestUser, overrides: Record<string, unknown> = {}): Promise<{ id: string; mrn: string }> {
  const patient = await createPatient(t, by, overrides);
  const criteria = { larger_amounts_or_longer: true, craving: true };
  await t.db.query(
    `INSERT INTO diagnoses (patient_id, substance, criteria, criteria_count, severity, recorded_by, confirmed_by, confirmed_at,
       confirmation_attestation)
     VALUES ($1, 'baclofen', $2, 2, 'mild', $3, $3, now(), 'Synthetic test diagnosis')`,
    [patient.id, JSON.stringify(criteria), by.id],
  );
  await t.db.query(`UPDATE patients SET phase = 'detox' WHERE id = $1`, [patient.id]);
  return patient;
}

export async function startEpisode(
  t: TestApp,
  by: TestUser,
  patientId: string,
  body: Record<string, unknown> = {},
): Promise<{ id: string; startedAt: string }> {
  const res = await t.as(by).post(`/api/v1/patients/${patientId}/detox-episodes`)
    .send({ substances: ['alcohol'], expectedLengthDays: 7, setting: 'ambulatory', ...body });
  if (res.status !== 201) throw new Error(`startEpisode failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; startedAt: string };
}

/** A complete, normal set of vitals (NEWS2 0) taken `minutesAgo` minutes ago. */
export function normalVitals(minutesAgo = 5, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    takenAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    heartRate: 72, systolicBp: 124, diastolicBp: 78, respiratoryRate: 16, temperatureC: 36.8, spo2: 98,
    onSupplementalOxygen: false, consciousness: 'A',
    ...overrides,
  };
}

/**
 * NEWS2 8 (high): respiratory rate 26 (3), SpO2 93 (2), heart rate 115 (2),
 * temperature 38.2 (1), systolic 120, air, alert.
 */
export function highNews2Vitals(minutesAgo = 5): Record<string, unknown> {
  return normalVitals(minutesAgo, { respiratoryRate: 26, spo2: 93, heartRate: 115, temperatureC: 38.2 });
}

/** CIWA-Ar answers in official item order summing to `total` (nine items 0-7, orientation 0-4). */
export function ciwaAnswers(total: number): number[] {
  const answers: number[] = [];
  let left = total;
  for (let i = 0; i < 10; i += 1) {
    const max = i === 9 ? 4 : 7;
    const value = Math.min(max, left);
    answers.push(value);
    left -= value;
  }
  if (left > 0) throw new Error(`CIWA-Ar cannot total ${total}`);
  return answers;
}
