import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An audit event's time is the database's clock when the row goes in, never
 * a value the writer sends: a plain INSERT cannot backdate a forged event
 * (it would be sealed and shown in a patient's access report at that time).
 * No code path sets occurred_at; the column default was already clock_timestamp().
 */
export class AuditEventTimeFromDatabase1765800510000 implements MigrationInterface {
  name = 'AuditEventTimeFromDatabase1765800510000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_events_time_from_database() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.occurred_at := clock_timestamp();
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_time_from_database BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_time_from_database()`);
    // Also under session_replication_role = replica, which skips ordinary triggers.
    await q.query(`ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_time_from_database`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_events_time_from_database ON audit_events`);
    await q.query(`DROP FUNCTION audit_events_time_from_database()`);
  }
}
