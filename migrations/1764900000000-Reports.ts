import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting read model: views in schema `reporting` over the features'
 * tables, the only relations the read-only role `report_reader` may select,
 * and the append-only record of identified exports (disclosures).
 */
export class Reports1764900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Roles are cluster-wide: another database on the same server may have created it already.
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'report_reader') THEN
          CREATE ROLE report_reader NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
        END IF;
      END $$`);
    // The application's own user switches to it (SET LOCAL ROLE) for each report transaction.
    await q.query(`GRANT report_reader TO CURRENT_USER`);
    await q.query(`CREATE SCHEMA reporting`);

    await q.query(`
      CREATE VIEW reporting.patient_identities AS
      SELECT id AS patient_id, mrn, given_name, family_name, date_of_birth FROM patients`);
    await q.query(`
      CREATE VIEW reporting.patient_demographics AS
      SELECT id AS patient_id, date_of_birth FROM patients`);
    await q.query(`
      CREATE VIEW reporting.patient_phase_history AS
      SELECT patient_id, from_phase, to_phase, discharge_reason, changed_at FROM patient_phase_changes`);
    await q.query(`
      CREATE VIEW reporting.active_consents AS
      SELECT patient_id, lower(btrim(recipient)) AS recipient_key, lower(btrim(purpose)) AS purpose_key,
             signed_on, expires_on
      FROM consents WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE VIEW reporting.screening_results AS
      SELECT patient_id, instrument, band, administered_at FROM screenings`);
    await q.query(`
      CREATE VIEW reporting.detox_episodes AS
      SELECT patient_id, started_at, ended_at, outcome FROM detox_episodes`);
    await q.query(`
      CREATE VIEW reporting.withdrawal_scores AS
      SELECT patient_id, scale, band, total, assessed_at FROM withdrawal_assessments`);
    await q.query(`
      CREATE VIEW reporting.vitals AS
      SELECT patient_id, taken_at, heart_rate, systolic_bp, diastolic_bp, respiratory_rate, temperature_c, spo2,
             on_supplemental_oxygen, consciousness, news2_total, news2_risk
      FROM vital_signs`);
    await q.query(`
      CREATE VIEW reporting.session_patient_attendance AS
      SELECT sp.session_id, sp.patient_id, s.kind, s.starts_at, s.ends_at, s.status AS session_status,
             s.cancelled_by, a.status AS attendance_status, a.minutes_attended
      FROM session_patients sp
      JOIN sessions s ON s.id = sp.session_id
      LEFT JOIN session_attendance a ON a.session_id = sp.session_id AND a.patient_id = sp.patient_id`);
    await q.query(`
      CREATE VIEW reporting.session_clinicians AS
      SELECT sc.session_id, u.display_name AS clinician
      FROM session_clinicians sc JOIN users u ON u.id = sc.clinician_id`);
    await q.query(`
      CREATE VIEW reporting.alert_responses AS
      SELECT patient_id, source, rule, severity, raised_at, acknowledged_at FROM alerts`);
    await q.query(`
      CREATE VIEW reporting.medication_administrations AS
      SELECT patient_id, given_at, (override_reason IS NOT NULL) AS overridden FROM medication_administrations`);
    // A scheduled dose counts as missed on the same terms as the missed-dose job: due after the order was
    // written, before any discontinuation, never given, and past the grace period (setting detox.missed-dose).
    await q.query(`
      CREATE VIEW reporting.missed_doses AS
      SELECT d.patient_id, d.scheduled_at
      FROM medication_scheduled_doses d
      JOIN medication_orders o ON o.id = d.order_id
      WHERE d.scheduled_at > o.ordered_at
        AND (o.discontinued_at IS NULL OR d.scheduled_at < o.discontinued_at)
        AND NOT EXISTS (SELECT 1 FROM medication_administrations m WHERE m.scheduled_dose_id = d.id)
        AND d.scheduled_at + make_interval(mins => COALESCE(
              (SELECT (value ->> 'graceMinutes')::int FROM settings WHERE key = 'detox.missed-dose'), 120)) < now()`);

    await q.query(`REVOKE ALL ON SCHEMA reporting FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA reporting TO report_reader`);
    await q.query(`GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO report_reader`);

    await q.query(`
      CREATE TABLE report_disclosures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        disclosed_at timestamptz NOT NULL DEFAULT now(),
        disclosed_by uuid NOT NULL REFERENCES users (id),
        report_id text NOT NULL,
        format text NOT NULL CHECK (format IN ('json', 'csv', 'xlsx')),
        period_from date NOT NULL,
        period_to date NOT NULL CHECK (period_to >= period_from),
        purpose text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 1 AND 500),
        recipient text NOT NULL CHECK (length(btrim(recipient)) BETWEEN 1 AND 200),
        recipient_scope text NOT NULL CHECK (recipient_scope IN ('program', 'external')),
        patients_excluded integer NOT NULL CHECK (patients_excluded >= 0)
      )`);
    await q.query(`
      CREATE TABLE report_disclosure_patients (
        disclosure_id uuid NOT NULL REFERENCES report_disclosures (id),
        patient_id uuid NOT NULL REFERENCES patients (id),
        PRIMARY KEY (disclosure_id, patient_id)
      )`);
    await q.query(`CREATE INDEX report_disclosure_patients_patient_idx ON report_disclosure_patients (patient_id)`);
    // 42 CFR 2.24 / HIPAA 164.528: the accounting of disclosures must be complete, so it is append-only.
    await q.query(`
      CREATE FUNCTION report_disclosures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['report_disclosures', 'report_disclosure_patients']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION report_disclosures_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS report_disclosure_patients, report_disclosures`);
    await q.query(`DROP FUNCTION IF EXISTS report_disclosures_append_only()`);
    await q.query(`DROP SCHEMA IF EXISTS reporting CASCADE`);
    // The role is cluster-wide and may serve other databases; it is left in place.
  }
}
