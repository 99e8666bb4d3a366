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
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench-clinician@example.org', password: PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const patientId = (i: number) => (patients[i % patients.length] as { id: string }).id;

  return [
    {
      name: 'GET /patients/{id} (audited read)',
      expectedStatus: 200,
      send: (i) => json(base, 'GET', `/api/v1/patients/${patientId(i)}`, accessToken),
    },
    {
      name: 'GET /patients?name= (search, page of 20)',
      expectedStatus: 200,
      send: (i) => json(base, 'GET', `/api/v1/patients?name=Patient${(i % 50) + 1}`, accessToken),
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
      name: 'POST /auth/login (argon2id)',
      expectedStatus: 200,
      send: () => json(base, 'POST', '/api/v1/auth/login', null, { email: 'bench-clinician@example.org', password: PASSWORD }),
    },
  ];
}
