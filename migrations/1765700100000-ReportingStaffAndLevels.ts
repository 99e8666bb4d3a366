import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting views for three report fixes: session attendance groups by the
 * clinician's account (two clinicians may share a display name); IOP hours
 * measure only patients at ASAM level 2.1, read from screening's published
 * level-of-care view; a within-program disclosure must name an active
 * program user, the only recipients 42 CFR 2.12(c)(3) lets go without consent.
 */
export class ReportingStaffAndLevels1765700100000 implements MigrationInterface {
  name = 'ReportingStaffAndLevels1765700100000';

  async up(q: QueryRunner): Promise<void> {
    // New columns go last: CREATE OR REPLACE VIEW keeps the existing ones and their grants.
    await q.query(`
      CREATE OR REPLACE VIEW reporting.session_clinicians AS
      SELECT sc.session_id, u.display_name AS clinician, sc.clinician_id
      FROM session_clinicians sc JOIN users u ON u.id = sc.clinician_id`);
    await q.query(`
      CREATE VIEW reporting.patient_current_level_of_care AS
      SELECT patient_id, recommended_level, recorded_at FROM patient_current_level_of_care`);
    await q.query(`
      CREATE VIEW reporting.program_staff AS
      SELECT id AS user_id, lower(email) AS email_key FROM users WHERE active`);
    await q.query(`GRANT SELECT ON reporting.patient_current_level_of_care, reporting.program_staff TO report_reader`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW reporting.program_staff, reporting.patient_current_level_of_care`);
    await q.query(`DROP VIEW reporting.session_clinicians`);
    await q.query(`
      CREATE VIEW reporting.session_clinicians AS
      SELECT sc.session_id, u.display_name AS clinician
      FROM session_clinicians sc JOIN users u ON u.id = sc.clinician_id`);
    await q.query(`GRANT SELECT ON reporting.session_clinicians TO report_reader`);
  }
}
