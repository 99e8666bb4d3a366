import type { DemoClient } from './demo-api';

const HOUR_MS = 3_600_000;
const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR_MS).toISOString();

// A day of vitals every 4 hours; the set 12 hours ago is abnormal (tachycardia, fever, fast breathing:
// baclofen/alcohol withdrawal signs, DOMAIN.md) and scores NEWS2 7, which raises an alert.
const VITALS = [
  { hoursAgo: 24, heartRate: 96, systolicBp: 138, diastolicBp: 88, respiratoryRate: 18, temperatureC: 37.4, spo2: 97 },
  { hoursAgo: 20, heartRate: 102, systolicBp: 142, diastolicBp: 90, respiratoryRate: 19, temperatureC: 37.6, spo2: 97 },
  { hoursAgo: 16, heartRate: 108, systolicBp: 146, diastolicBp: 92, respiratoryRate: 20, temperatureC: 37.8, spo2: 96 },
  { hoursAgo: 12, heartRate: 128, systolicBp: 162, diastolicBp: 98, respiratoryRate: 25, temperatureC: 38.6, spo2: 95 },
  { hoursAgo: 8, heartRate: 104, systolicBp: 144, diastolicBp: 90, respiratoryRate: 19, temperatureC: 37.7, spo2: 97 },
  { hoursAgo: 4, heartRate: 92, systolicBp: 136, diastolicBp: 86, respiratoryRate: 17, temperatureC: 37.3, spo2: 98 },
];

// CIWA-Ar (Sullivan 1989) totals 18, 14, 11 and 8: severe, moderate, moderate, minimal.
const CIWA = [
  { hoursAgo: 23, answers: [3, 3, 2, 3, 2, 1, 1, 1, 2, 0] },
  { hoursAgo: 15, answers: [2, 3, 2, 2, 2, 0, 1, 0, 2, 0] },
  { hoursAgo: 9, answers: [2, 2, 1, 2, 1, 0, 1, 0, 2, 0] },
  { hoursAgo: 3, answers: [1, 2, 1, 2, 1, 0, 0, 0, 1, 0] },
];

/**
 * The detox patient's open episode: a day of vitals, withdrawal scores and a
 * baclofen taper (abrupt cessation is dangerous, DOMAIN.md; 80 mg/24 h maximum).
 */
export async function seedDemoDetox(clinician: DemoClient, patientId: string): Promise<void> {
  const base = `/api/v1/patients/${patientId}`;
  await clinician.post(`${base}/detox-episodes`, {
    setting: 'ambulatory', substances: ['baclofen', 'alcohol'], expectedLengthDays: 10, startedAt: at(26),
  });
  for (const { hoursAgo, ...vitals } of VITALS) {
    await clinician.post(`${base}/vitals`, { ...vitals, consciousness: 'A', onSupplementalOxygen: false, takenAt: at(hoursAgo) });
  }
  for (const { hoursAgo, answers } of CIWA) {
    await clinician.post(`${base}/withdrawal-assessments`, { scale: 'CIWA-Ar', answers, assessedAt: at(hoursAgo) });
  }
  const yesterday = new Date(Date.now() - 24 * HOUR_MS).toISOString().slice(0, 10);
  await clinician.post(`${base}/medication-orders`, {
    drug: 'baclofen', unit: 'mg', route: 'oral', timesOfDay: ['08:00', '14:00', '20:00'], startDate: yesterday,
    maxDosePer24h: 60, taper: { startDose: 20, stepDown: 5, everyDays: 3, floor: 0 },
  });
}
