import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A list read (patient search, calendar, a session's roster) is one audit
 * event naming the patients it showed in `details.patientIds`. This index lets
 * a patient's access report and the audit filter by patient find those events
 * too, not only the events about that patient alone.
 */
export class ListedPatientsAuditIndex1765700050000 implements MigrationInterface {
  name = 'ListedPatientsAuditIndex1765700050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_events_listed_patients_idx ON audit_events USING gin ((details -> 'patientIds') jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_events_listed_patients_idx`);
  }
}
