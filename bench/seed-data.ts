/**
 * The benchmark's synthetic program, written set-wise with generate_series so
 * the whole load (5,000 patients, 50 clinicians, 1,000,000 vitals, 100,000
 * sessions, 200,000 audit events) goes in within a few minutes. All names are
 * synthetic ("Bench Patient 123").
 */
export const BENCH_SIZES = {
  patients: 5_000,
  clinicians: 50,
  detoxPatients: 1_000,
  vitalsPerDetoxPatient: 1_000,
  sessionsPerClinician: 2_000,
  auditEvents: 200_000,
  alerts: 20_000,
} as const;

export const BENCH_PASSWORD = 'bench-synthetic-passphrase-7391';
export const benchClinicianEmail = (n: number) => `bench-clinician-${n}@example.org`;
export const BENCH_ADMIN_EMAIL = 'bench-admin@example.org';

/** Each statement with what it adds; `$1` is the argon2id hash of BENCH_PASSWORD. */
export const SEED_STATEMENTS: { what: string; sql: string; usesHash?: boolean }[] = [
  {
    what: 'users (50 clinicians, a case manager, an admin)',
    usesHash: true,
    sql: `
      INSERT INTO users (email, display_name, role, password_hash)
      SELECT 'bench-clinician-' || g || '@example.org', 'Bench Clinician ' || g, 'clinician', $1
        FROM generate_series(1, ${BENCH_SIZES.clinicians}) g
      UNION ALL SELECT 'bench-casemanager@example.org', 'Bench Case Manager', 'case_manager', $1
      UNION ALL SELECT '${BENCH_ADMIN_EMAIL}', 'Bench Admin', 'admin', $1`,
  },
  {
    what: 'login rate limit raised for the load generator',
    sql: `INSERT INTO settings (key, value) VALUES ('auth.login-rate-limit', '{"attemptsPerMinute": 100000}')
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
  },
  {
    what: `${BENCH_SIZES.patients} patients (the first ${BENCH_SIZES.detoxPatients} in detox)`,
    sql: `
      INSERT INTO patients (given_name, family_name, date_of_birth, sex_at_birth, phase, primary_substances)
      SELECT 'Bench', 'Patient ' || g, date '1960-01-01' + (g * 7) % 15000,
             (ARRAY['female', 'male'])[1 + g % 2],
             CASE WHEN g <= ${BENCH_SIZES.detoxPatients} THEN 'detox' ELSE 'outpatient' END,
             (ARRAY['{alcohol}', '{opioids}', '{alcohol,benzodiazepines}'])[1 + g % 3]::text[]
        FROM generate_series(1, ${BENCH_SIZES.patients}) g`,
  },
  {
    what: 'care teams (one clinician per 100 patients, the case manager on every team)',
    sql: `
      WITH numbered AS (SELECT id, row_number() OVER (ORDER BY mrn) AS n FROM patients WHERE given_name = 'Bench'),
           clinicians AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE 'bench-clinician-%')
      INSERT INTO care_team_members (patient_id, user_id)
      SELECT p.id, c.id FROM numbered p JOIN clinicians c ON c.n = 1 + (p.n - 1) % ${BENCH_SIZES.clinicians}
      UNION ALL
      SELECT p.id, u.id FROM numbered p CROSS JOIN users u WHERE u.email = 'bench-casemanager@example.org'`,
  },
  {
    what: 'open detox episodes',
    sql: `
      INSERT INTO detox_episodes (patient_id, substances, expected_length_days, setting, started_at, started_by)
      SELECT p.id, p.primary_substances, 7, 'ambulatory', now() - interval '60 days',
             (SELECT id FROM users WHERE email = 'bench-clinician-1@example.org')
        FROM patients p WHERE p.given_name = 'Bench' AND p.phase = 'detox'`,
  },
  {
    what: `${BENCH_SIZES.detoxPatients * BENCH_SIZES.vitalsPerDetoxPatient} vitals (hourly, the last ~42 days)`,
    sql: `
      INSERT INTO vital_signs (patient_id, episode_id, taken_at, heart_rate, systolic_bp, diastolic_bp, respiratory_rate,
                               temperature_c, spo2, on_supplemental_oxygen, consciousness, news2_complete, news2_total,
                               news2_risk, news2_subscores, recorded_by, recorded_at)
      SELECT e.patient_id, e.id, now() - make_interval(hours => h),
             70 + (h % 30), 110 + (h % 40), 70 + (h % 15), 14 + (h % 6), 36.5 + (h % 10) / 10.0, 95 + (h % 5), false, 'A',
             true, 0, 'low',
             '{"respiratoryRate":0,"spo2":0,"airOrOxygen":0,"systolicBp":0,"heartRate":0,"consciousness":0,"temperature":0}',
             e.started_by, now() - make_interval(hours => h)
        FROM detox_episodes e CROSS JOIN generate_series(1, ${BENCH_SIZES.vitalsPerDetoxPatient}) h`,
  },
  {
    what: `${BENCH_SIZES.clinicians} rooms`,
    sql: `INSERT INTO rooms (name, capacity) SELECT 'Bench Room ' || g, 4 FROM generate_series(1, ${BENCH_SIZES.clinicians}) g`,
  },
  {
    what: `${BENCH_SIZES.clinicians * BENCH_SIZES.sessionsPerClinician} sessions (8 a weekday per clinician, own room, own 100 patients)`,
    sql: `
      INSERT INTO sessions (kind, starts_at, ends_at, room_id, created_by)
      SELECT 'individual', s.starts_at, s.starts_at + interval '50 minutes', r.id, c.id
        FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE 'bench-clinician-%') c
        JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM rooms WHERE name LIKE 'Bench Room %') r ON r.n = c.n
       CROSS JOIN LATERAL (
         SELECT date_trunc('week', now()) - interval '26 weeks' + make_interval(days => (k / 8 / 5) * 7 + (k / 8) % 5, hours => 13 + k % 8) AS starts_at
           FROM generate_series(0, ${BENCH_SIZES.sessionsPerClinician - 1}) k) s`,
  },
  {
    // The support-group check takes a lock per patient (5,000 in this one statement); the seed has no groups.
    what: 'support-group meeting check off for the bulk bookings',
    sql: `ALTER TABLE session_patients DISABLE TRIGGER session_patients_meeting_overlap`,
  },
  {
    what: 'session bookings (clinician and patient of each session)',
    sql: `
      WITH c AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE 'bench-clinician-%'),
           s AS (SELECT id, created_by, row_number() OVER (PARTITION BY created_by ORDER BY starts_at) AS k FROM sessions),
           p AS (SELECT id, row_number() OVER (ORDER BY mrn) AS n FROM patients WHERE given_name = 'Bench'),
           clinician_booking AS (INSERT INTO session_clinicians (session_id, clinician_id) SELECT s.id, s.created_by FROM s RETURNING 1)
      INSERT INTO session_patients (session_id, patient_id)
      SELECT s.id, p.id FROM s JOIN c ON c.id = s.created_by
        JOIN p ON p.n = (c.n - 1) * 100 + 1 + (s.k % 100)`,
  },
  { what: 'support-group meeting check on again', sql: `ALTER TABLE session_patients ENABLE TRIGGER session_patients_meeting_overlap` },
  {
    what: `${BENCH_SIZES.alerts} alerts (a tenth open)`,
    sql: `
      WITH e AS (SELECT array_agg(patient_id ORDER BY patient_id) AS patients, array_agg(started_by ORDER BY patient_id) AS staff,
                        count(*)::int AS n FROM detox_episodes)
      INSERT INTO alerts (patient_id, source, rule, severity, audience, message, reading, status, raised_at,
                          acknowledged_at, acknowledged_by, acknowledgement_note)
      SELECT e.patients[1 + g % e.n], 'detox', 'news2_medium', 'urgent', 'clinician', 'NEWS2 5 (medium): urgent review',
             '{"news2Total":5}', CASE WHEN g % 10 = 0 THEN 'open' ELSE 'acknowledged' END, now() - make_interval(mins => g),
             CASE WHEN g % 10 = 0 THEN NULL ELSE now() - make_interval(mins => g) + interval '4 minutes' END,
             CASE WHEN g % 10 = 0 THEN NULL ELSE e.staff[1 + g % e.n] END,
             CASE WHEN g % 10 = 0 THEN NULL ELSE 'Reviewed at the bedside (synthetic benchmark data).' END
        FROM e CROSS JOIN generate_series(1, ${BENCH_SIZES.alerts}) g`,
  },
  {
    // Synthetic history spread over weeks: the seeding owner lifts the database-set audit time for this one load.
    what: 'audit event times as given (trigger off for the seed)',
    sql: `ALTER TABLE audit_events DISABLE TRIGGER audit_events_time_from_database`,
  },
  {
    what: `${BENCH_SIZES.auditEvents} audit events`,
    sql: `
      WITH ct AS (SELECT array_agg(patient_id ORDER BY patient_id, user_id) AS patients,
                         array_agg(user_id ORDER BY patient_id, user_id) AS users, count(*)::int AS n FROM care_team_members)
      INSERT INTO audit_events (occurred_at, user_id, user_role, action, resource_type, resource_id, patient_id, outcome)
      SELECT now() - make_interval(secs => g * 13), ct.users[1 + g % ct.n], 'clinician', 'vitals.read', 'patient',
             ct.patients[1 + g % ct.n]::text, ct.patients[1 + g % ct.n], 'success'
        FROM ct CROSS JOIN generate_series(1, ${BENCH_SIZES.auditEvents}) g`,
  },
  { what: 'audit event times from the database again', sql: `ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_time_from_database` },
  { what: 'planner statistics', sql: 'ANALYZE' },
];
