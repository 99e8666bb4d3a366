import type { Client } from 'pg';
import type { Scenario } from './load';

const PASSWORD = 'benchmark-password-1';
const PATIENTS = 500;

interface Context {
  base: string;
  db: Client;
  hashPassword(password: string): Promise<string>;
}

async function json(base: string, method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Seeds synthetic users and patients, then returns the scenarios to drive. */
export async function benchScenarios({ base, db, hashPassword }: Context): Promise<Scenario[]> {
  const hash = await hashPassword(PASSWORD);
  const [clinician] = (
    await db.query(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ('bench-clinician@example.org', 'Bench Clinician', 'clinician', $1) RETURNING id`,
      [hash],
    )
  ).rows as { id: string }[];
  await db.query(`INSERT INTO settings (key, value) VALUES ('auth.login-rate-limit', '{"attemptsPerMinute": 100000}')`);
  const patients = (
    await db.query(
      `INSERT INTO patients (given_name, family_name, date_of_birth, sex_at_birth, phase)
       SELECT 'Bench', 'Patient' || g, date '1980-01-01' + g, 'unknown', 'screening' FROM generate_series(1, $1) g RETURNING id`,
      [PATIENTS],
    )
  ).rows as { id: string }[];
  await db.query(
    `INSERT INTO care_team_members (patient_id, user_id) SELECT id, $1 FROM patients`,
    [clinician?.id],
  );
  // Half the patients are in detox with an open episode, for the vitals scenario.
  await db.query(`UPDATE patients SET phase = 'detox' WHERE family_name ~ '[02468]$'`);
  await db.query(
    `INSERT INTO detox_episodes (patient_id, substances, expected_length_days, setting, started_at, started_by)
     SELECT id, '{alcohol}', 7, 'ambulatory', now() - interval '1 day', $1 FROM patients WHERE phase = 'detox'`,
    [clinician?.id],
  );
  const detoxPatients = (await db.query(`SELECT id FROM patients WHERE phase = 'detox'`)).rows as { id: string }[];
  const [caseManager] = (
    await db.query(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ('bench-cm@example.org', 'Bench CM', 'case_manager', $1) RETURNING id`,
      [hash],
    )
  ).rows as { id: string }[];
  await db.query(`INSERT INTO care_team_members (patient_id, user_id) SELECT id, $1 FROM patients`, [caseManager?.id]);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench-clinician@example.org', password: PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const patientId = (i: number) => (patients[i % patients.length] as { id: string }).id;
  const detoxPatientId = (i: number) => (detoxPatients[i % detoxPatients.length] as { id: string }).id;
  const minutesAgo = (i: number) => new Date(Date.now() - (i % 600) * 60_000).toISOString();
  // Sessions: one per request, each in its own hour so none collide (the exclusion constraints still run).
  const sessionStart = (i: number) => new Date(Date.UTC(2030, 0, 1, 0, 0) + i * 3_600_000);

  return [
    {
      name: 'GET /patients/{id} (audited read)',
      expectedStatus: 200,
      send: (i) => json(base, 'GET', `/api/v1/patients/${patientId(i)}`, accessToken),
    },
    {
      name: 'POST /patients/search (name, page of 20)',
      expectedStatus: 200,
      send: (i) => json(base, 'POST', '/api/v1/patients/search', accessToken, { name: `Patient${(i % 50) + 1}` }),
    },
    {
      name: 'POST /patients (register)',
      expectedStatus: 201,
      send: (i) =>
        json(base, 'POST', '/api/v1/patients', accessToken, {
          givenName: 'Load', familyName: `Test${i}`, dateOfBirth: '1990-05-05', sexAtBirth: 'female',
        }),
    },
    {
      name: 'POST /patients/{id}/vitals (NEWS2, alerts)',
      expectedStatus: 201,
      send: (i) =>
        json(base, 'POST', `/api/v1/patients/${detoxPatientId(i)}/vitals`, accessToken, {
          takenAt: minutesAgo(i), heartRate: 88 + (i % 40), systolicBp: 128, diastolicBp: 82, respiratoryRate: 16 + (i % 8),
          temperatureC: 37.1, spo2: 97, onSupplementalOxygen: false, consciousness: 'A',
        }),
    },
    {
      name: 'POST /sessions (exclusion constraints)',
      expectedStatus: 201,
      send: (i) =>
        json(base, 'POST', '/api/v1/sessions', accessToken, {
          kind: 'individual',
          startsAt: sessionStart(i).toISOString(),
          endsAt: new Date(sessionStart(i).getTime() + 50 * 60_000).toISOString(),
          clinicianIds: [clinician?.id],
          patientIds: [patientId(i)],
        }),
    },
    {
      name: 'POST /auth/login (argon2id)',
      expectedStatus: 200,
      send: () => json(base, 'POST', '/api/v1/auth/login', null, { email: 'bench-clinician@example.org', password: PASSWORD }),
    },
  ];
}
