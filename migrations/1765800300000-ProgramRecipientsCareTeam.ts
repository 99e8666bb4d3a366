import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A disclosure within the program (42 CFR 2.12(c)(3)) is limited to staff who
 * need the records for their work with the patient: the report reader learns
 * the recipient's role (may it read the exported data at all?) and each
 * patient's care team (only the recipient's own patients are disclosed).
 */
export class ProgramRecipientsCareTeam1765800300000 implements MigrationInterface {
  name = 'ProgramRecipientsCareTeam1765800300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE VIEW reporting.program_staff AS
      SELECT id AS user_id, lower(email) AS email_key, role FROM users WHERE active`);
    await q.query(`CREATE VIEW reporting.care_teams AS SELECT patient_id, user_id FROM care_team_members`);
    await q.query(`GRANT SELECT ON reporting.care_teams TO report_reader`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW reporting.care_teams`);
    await q.query(`DROP VIEW reporting.program_staff`);
    await q.query(`
      CREATE VIEW reporting.program_staff AS
      SELECT id AS user_id, lower(email) AS email_key FROM users WHERE active`);
    await q.query(`GRANT SELECT ON reporting.program_staff TO report_reader`);
  }
}
