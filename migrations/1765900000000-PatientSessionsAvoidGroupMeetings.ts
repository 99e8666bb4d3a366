import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A patient holding a seat in a support group is expected at its meetings, so
 * booking them into a session at an overlapping time double-books them.
 * `patient_meeting_bookings` lists the scheduled meetings each seated member
 * is expected at (from their seat on); sessions read it to report the
 * conflict, and a trigger on session_patients refuses the overlap with an
 * exclusion violation, so the booking code answers it as it answers any other
 * (409 slot_taken naming the meeting). The rule is checked when a session is
 * booked or moved: joining a group or a meeting's generation does not move or
 * refuse the sessions already booked.
 */
export class PatientSessionsAvoidGroupMeetings1765900000000 implements MigrationInterface {
  name = 'PatientSessionsAvoidGroupMeetings1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW patient_meeting_bookings AS
      SELECT m.patient_id, mt.id AS meeting_id, tstzrange(mt.starts_at, mt.ends_at, '[)') AS period
      FROM support_group_memberships m
      JOIN support_group_meetings mt ON mt.group_id = m.group_id
      WHERE m.status = 'member' AND mt.status = 'scheduled' AND mt.ends_at > m.seated_at`);
    await q.query(`
      CREATE FUNCTION session_patient_meeting_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM patient_meeting_bookings b WHERE b.patient_id = NEW.patient_id AND b.period && NEW.period) THEN
          RAISE EXCEPTION 'the patient is expected at a support-group meeting at that time'
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'session_patients_meeting_overlap';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER session_patients_meeting_overlap AFTER INSERT OR UPDATE OF period, active ON session_patients
      FOR EACH ROW WHEN (NEW.active) EXECUTE FUNCTION session_patient_meeting_overlap()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER session_patients_meeting_overlap ON session_patients`);
    await q.query(`DROP FUNCTION session_patient_meeting_overlap()`);
    await q.query(`DROP VIEW patient_meeting_bookings`);
  }
}
