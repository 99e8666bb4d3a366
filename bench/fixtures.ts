import { Client } from 'pg';
import { BENCH_PASSWORD } from './seed-data';

/** What the scenarios need from the seeded database: whose patients are whose, and tokens to act as them. */
export interface BenchFixtures {
  /** Detox patients with a clinician on their care team (id, for the baseline) and that clinician's access token. */
  detoxPatients: { id: string; clinicianId: string; token: string }[];
  clinicians: { id: string; token: string }[];
  adminToken: string;
}

async function login(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login as ${email} answered ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function loadFixtures(databaseUrl: string, base: string): Promise<BenchFixtures> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const clinicianRows = (
      await db.query(`SELECT id, email FROM users WHERE email LIKE 'bench-clinician-%' ORDER BY email`)
    ).rows as { id: string; email: string }[];
    const clinicians: BenchFixtures['clinicians'] = [];
    for (const c of clinicianRows) clinicians.push({ id: c.id, token: await login(base, c.email) });
    const tokenOf = new Map(clinicians.map((c) => [c.id, c.token]));
    const detox = (
      await db.query(
        `SELECT e.patient_id AS id, ct.user_id FROM detox_episodes e
           JOIN care_team_members ct ON ct.patient_id = e.patient_id
           JOIN users u ON u.id = ct.user_id AND u.role = 'clinician'
          WHERE e.ended_at IS NULL ORDER BY e.patient_id`,
      )
    ).rows as { id: string; user_id: string }[];
    return {
      detoxPatients: detox.map((p) => ({ id: p.id, clinicianId: p.user_id, token: tokenOf.get(p.user_id) as string })),
      clinicians,
      adminToken: await login(base, 'bench-admin@example.org'),
    };
  } finally {
    await db.end();
  }
}
