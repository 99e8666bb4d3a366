import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The other half of 1765900000000: a patient booked into a session is not
 * seated in a support group whose scheduled meetings (from the seat on)
 * overlap it, whether they join or are promoted from the waitlist.
 *
 * `patient_session_bookings` is the sessions' published read model of each
 * patient's active bookings (support groups read it, never session tables).
 * A trigger on support_group_memberships refuses such a seat with an
 * exclusion violation. Both this trigger and the session-side one first take
 * `lock_patient_bookings(patient)`, a transaction-scoped advisory lock, so a
 * session booking and a seat for the same patient committing at the same
 * time are serialised and the second one sees the first.
 *
 * Meetings generated later (the rolling horizon, a schedule change) are not
 * refused for a member's existing session: the group meets for everyone, and
 * the generator alerts that member's case manager instead.
 */
export class GroupSeatsAvoidPatientSessions1766000000000 implements MigrationInterface {
  name = 'GroupSeatsAvoidPatientSessions1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION lock_patient_bookings(patient uuid) RETURNS void LANGUAGE sql AS $$
        SELECT pg_advisory_xact_lock(hashtextextended('patient-bookings:' || patient::text, 0))
      $$`);
    await q.query(`
      CREATE VIEW patient_session_bookings AS
      SELECT patient_id, session_id, period FROM session_patients WHERE active`);
    await q.query(sessionTrigger(true));
    await q.query(`
      CREATE FUNCTION support_group_seat_session_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A member whose seat does not start earlier than before gains no meeting.
        IF TG_OP = 'UPDATE' AND OLD.status = 'member' AND NEW.seated_at >= OLD.seated_at THEN
          RETURN NULL;
        END IF;
        PERFORM lock_patient_bookings(NEW.patient_id);
        IF EXISTS (
          SELECT 1 FROM support_group_meetings mt
          JOIN patient_session_bookings b ON b.patient_id = NEW.patient_id AND b.period && tstzrange(mt.starts_at, mt.ends_at, '[)')
          WHERE mt.group_id = NEW.group_id AND mt.status = 'scheduled' AND mt.ends_at > NEW.seated_at
        ) THEN
          RAISE EXCEPTION 'the patient is booked into a session at the time of a meeting of the group'
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'support_group_memberships_session_overlap';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER support_group_memberships_session_overlap AFTER INSERT OR UPDATE OF status, seated_at ON support_group_memberships
      FOR EACH ROW WHEN (NEW.status = 'member') EXECUTE FUNCTION support_group_seat_session_overlap()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER support_group_memberships_session_overlap ON support_group_memberships`);
    await q.query(`DROP FUNCTION support_group_seat_session_overlap()`);
    await q.query(sessionTrigger(false));
    await q.query(`DROP VIEW patient_session_bookings`);
    await q.query(`DROP FUNCTION lock_patient_bookings(uuid)`);
  }
}

/** The session-side check of 1765900000000, with or without the patient's booking lock. */
function sessionTrigger(locked: boolean): string {
  return `
    CREATE OR REPLACE FUNCTION session_patient_meeting_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${locked ? 'PERFORM lock_patient_bookings(NEW.patient_id);' : ''}
      IF EXISTS (SELECT 1 FROM patient_meeting_bookings b WHERE b.patient_id = NEW.patient_id AND b.period && NEW.period) THEN
        RAISE EXCEPTION 'the patient is expected at a support-group meeting at that time'
          USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'session_patients_meeting_overlap';
      END IF;
      RETURN NULL;
    END $$`;
}
