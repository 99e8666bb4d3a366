import type { DataSource } from 'typeorm';
import { hashPassword } from '../identity/users/password-hasher';

/** Synthetic demo accounts: 3 clinicians, 2 case managers, 1 admin. Never real people. */
export const DEMO_USERS = [
  { key: 'admin', email: 'demo-admin@example.org', displayName: 'Demo Admin', role: 'admin', password: 'demo-password-admin' },
  { key: 'clinician1', email: 'clinician@example.org', displayName: 'Dr. Morgan Demo', role: 'clinician', password: 'demo-password-clinician' },
  { key: 'clinician2', email: 'clinician2@example.org', displayName: 'Nurse Riley Demo', role: 'clinician', password: 'demo-password-clinician' },
  { key: 'clinician3', email: 'clinician3@example.org', displayName: 'Counselor Jordan Demo', role: 'clinician', password: 'demo-password-clinician' },
  { key: 'caseManager1', email: 'casemanager@example.org', displayName: 'Case Manager Taylor Demo', role: 'case_manager', password: 'demo-password-casemanager' },
  { key: 'caseManager2', email: 'casemanager2@example.org', displayName: 'Case Manager Quinn Demo', role: 'case_manager', password: 'demo-password-casemanager' },
] as const;

export type DemoUserKey = (typeof DEMO_USERS)[number]['key'];

/** Creates the demo accounts, or leaves them as they are (a second run changes nothing). */
export async function seedDemoUsers(db: DataSource): Promise<Record<DemoUserKey, string>> {
  const ids = {} as Record<DemoUserKey, string>;
  for (const user of DEMO_USERS) {
    await db.query(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lower(email)) DO NOTHING`,
      [user.email, user.displayName, user.role, await hashPassword(user.password)],
    );
    const [row] = (await db.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [user.email])) as { id: string }[];
    ids[user.key] = (row as { id: string }).id;
  }
  return ids;
}
