import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { hashPassword } from '../identity/users/password-hasher';
import { loadConfig } from '../config/app-config';
import { runningEmbeddedPostgres } from '../database/embedded-postgres';
import { runMigrations } from '../database/migrate';
import { openDatabase } from '../database/open-database';
import { seedSupportGroups } from './seed-support-groups';
import { seedAftercarePatient } from './seed-aftercare';

/** Synthetic demo accounts, one per role. Never real people. */
const DEMO_USERS = [
  { email: 'demo-admin@example.org', displayName: 'Demo Admin', role: 'admin', password: 'demo-password-admin' },
  { email: 'clinician@example.org', displayName: 'Dr. Demo Clinician', role: 'clinician', password: 'demo-password-clinician' },
  { email: 'casemanager@example.org', displayName: 'Demo Case Manager', role: 'case_manager', password: 'demo-password-casemanager' },
] as const;

/** Synthetic patients spread over the program phases. */
const DEMO_PATIENTS = [
  { given: 'Avery', family: 'Sample', dob: '1979-03-14', sex: 'male', substances: ['alcohol'], phase: 'screening' },
  { given: 'Blair', family: 'Example', dob: '1988-07-02', sex: 'female', substances: ['opioids'], phase: 'detox' },
  { given: 'Casey', family: 'Specimen', dob: '1992-11-21', sex: 'female', substances: ['baclofen', 'alcohol'], phase: 'detox' },
  { given: 'Drew', family: 'Placeholder', dob: '1985-01-30', sex: 'male', substances: ['cocaine'], phase: 'outpatient' },
  { given: 'Emery', family: 'Fictional', dob: '1970-05-09', sex: 'unknown', substances: ['benzodiazepines'], phase: 'aftercare' },
] as const;

async function seed(): Promise<void> {
  const config = loadConfig();
  // Reuse the server's embedded database when it is running; start it otherwise.
  const running = config.DATABASE_URL ? null : await runningEmbeddedPostgres(config.EMBEDDED_PG_PORT);
  const database = running ? { url: running, close: async () => undefined } : await openDatabase(config);
  await runMigrations(database.url);
  const dataSource = new DataSource({ type: 'postgres', url: database.url });
  await dataSource.initialize();
  try {
    const ids: Record<string, string> = {};
    for (const user of DEMO_USERS) {
      const [row] = (await dataSource.query(
        `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (lower(email)) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
        [user.email, user.displayName, user.role, await hashPassword(user.password)],
      )) as { id: string }[];
      ids[user.role] = (row as { id: string }).id;
    }
    const existing = (await dataSource.query(`SELECT count(*)::int AS n FROM patients WHERE family_name = ANY($1)`, [
      DEMO_PATIENTS.map((p) => p.family),
    ])) as { n: number }[];
    if ((existing[0]?.n ?? 0) === 0) {
      for (const p of DEMO_PATIENTS) {
        const [row] = (await dataSource.query(
          `INSERT INTO patients (given_name, family_name, date_of_birth, sex_at_birth, primary_substances, phase, referral_source, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, 'demo data', $7) RETURNING id`,
          [p.given, p.family, p.dob, p.sex, p.substances, p.phase, ids.case_manager],
        )) as { id: string }[];
        const patientId = (row as { id: string }).id;
        await dataSource.query(
          `INSERT INTO patient_phase_changes (patient_id, from_phase, to_phase, reason, changed_by) VALUES ($1, NULL, $2, 'demo data', $3)`,
          [patientId, p.phase, ids.case_manager],
        );
        await dataSource.query(
          `INSERT INTO care_team_members (patient_id, user_id, added_by) VALUES ($1, $2, $4), ($1, $3, $4)`,
          [patientId, ids.clinician, ids.case_manager, ids.case_manager],
        );
        if (p.phase === 'aftercare') await seedAftercarePatient(dataSource, patientId, ids.case_manager ?? '');
      }
    }
    await seedSupportGroups(dataSource, { clinician: ids.clinician as string, caseManager: ids.case_manager as string }, config.PROGRAM_TIMEZONE);
    process.stdout.write('Demo data ready (synthetic). Log in with:\n');
    for (const user of DEMO_USERS) process.stdout.write(`  ${user.role.padEnd(13)} ${user.email} / ${user.password}\n`);
    process.stdout.write(`${DEMO_PATIENTS.length} demo patients are on the demo clinician's and case manager's care team.\n`);
    process.stdout.write('A demo support group is full (two members) with one patient on its waitlist.\n');
  } finally {
    await dataSource.destroy();
    await database.close();
  }
}

seed().catch((error: unknown) => {
  process.stderr.write(`Seeding failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
