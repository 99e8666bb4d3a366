import type { BenchFixtures } from './fixtures';
import type { LoadRequest } from './load-worker';

/** A measured scenario: the app's requests, and optionally the bare baseline's. */
export interface Scenario {
  /** Short name for `npm run bench -- --only KEY`. */
  key: 'vitals' | 'read' | 'calendar' | 'flowsheet';
  name: string;
  connections: number;
  app: LoadRequest[];
  baseline?: LoadRequest[];
  /** Targets from issue #15; null where none is set. */
  minRatio: number | null;
  maxP99Ms: number | null;
}

const ROTATION = 2_000;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const json = { 'content-type': 'application/json' };
/** The baseline has no auth: it audits the read as this user. */
const reader = (userId: string) => ({ 'x-bench-reader': userId });

/** Ordinary synthetic vitals (NEWS2 0), each taken a minute apart in the last days. */
function vitalsBody(i: number): string {
  return JSON.stringify({
    takenAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
    heartRate: 60 + (i % 30), systolicBp: 112 + (i % 40), diastolicBp: 70 + (i % 15), respiratoryRate: 12 + (i % 8),
    temperatureC: 36.5 + (i % 9) / 10, spo2: 96 + (i % 4), onSupplementalOxygen: false, consciousness: 'A',
  });
}

function weekOf(offsetWeeks: number): { from: string; to: string } {
  const monday = new Date();
  monday.setUTCHours(0, 0, 0, 0);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) + offsetWeeks * 7);
  return { from: monday.toISOString(), to: new Date(monday.getTime() + 7 * 86_400_000).toISOString() };
}

export function scenarios(f: BenchFixtures): Scenario[] {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const patient = (i: number) => f.detoxPatients[i % f.detoxPatients.length] as BenchFixtures['detoxPatients'][number];
  const clinician = (i: number) => f.clinicians[i % f.clinicians.length] as BenchFixtures['clinicians'][number];
  const sevenDays = { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date().toISOString() };
  const calendarPath = (i: number) => {
    const week = weekOf((i % 9) - 4);
    return `/api/v1/sessions?clinicianId=${clinician(i).id}&from=${encodeURIComponent(week.from)}&to=${encodeURIComponent(week.to)}&limit=100`;
  };
  const flowsheetPath = (i: number) =>
    `/api/v1/patients/${patient(i).id}/vitals?from=${encodeURIComponent(sevenDays.from)}&to=${encodeURIComponent(sevenDays.to)}&limit=100`;
  return [
    {
      key: 'vitals',
      name: 'vitals ingest POST /patients/{id}/vitals',
      connections: 32,
      app: range(ROTATION).map((i) => ({
        method: 'POST', path: `/api/v1/patients/${patient(i).id}/vitals`,
        headers: { ...json, ...auth(patient(i).token) }, body: vitalsBody(i),
      })),
      baseline: range(ROTATION).map((i) => ({
        method: 'POST', path: `/api/v1/patients/${patient(i).id}/vitals`, headers: json, body: vitalsBody(i),
      })),
      minRatio: 0.6,
      maxP99Ms: 50,
    },
    {
      key: 'read',
      name: 'audited read GET /patients/{id}',
      connections: 16,
      app: range(ROTATION).map((i) => ({ method: 'GET', path: `/api/v1/patients/${patient(i).id}`, headers: auth(patient(i).token) })),
      baseline: range(ROTATION).map((i) => ({ method: 'GET', path: `/api/v1/patients/${patient(i).id}` })),
      minRatio: 0.6,
      maxP99Ms: 25,
    },
    {
      key: 'calendar',
      name: 'week calendar GET /sessions?clinicianId',
      connections: 32,
      app: range(ROTATION).map((i) => ({ method: 'GET', path: calendarPath(i), headers: auth(clinician(i).token) })),
      baseline: range(ROTATION).map((i) => ({ method: 'GET', path: calendarPath(i), headers: reader(clinician(i).id) })),
      minRatio: null,
      maxP99Ms: 25,
    },
    {
      key: 'flowsheet',
      name: 'flowsheet GET /patients/{id}/vitals (7 days)',
      connections: 32,
      app: range(ROTATION).map((i) => ({ method: 'GET', path: flowsheetPath(i), headers: auth(patient(i).token) })),
      baseline: range(ROTATION).map((i) => ({ method: 'GET', path: flowsheetPath(i), headers: reader(patient(i).clinicianId) })),
      minRatio: null,
      maxP99Ms: 25,
    },
  ];
}
