import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A check-in keeps the support-group attendance since the previous check-in in two parts read from
 * support-groups' published view `patient_group_attendance`: verified (a facilitator recorded present or
 * late) and self-reported (community meetings). `group_meetings_attended` is the patient's answer, or
 * their sum when it was prefilled. The view gains `community_meeting_id` (appended, so existing readers
 * are unaffected) so the recovery timeline can name the self-report each event comes from.
 */
export class CheckInGroupAttendance1765500000000 implements MigrationInterface {
  name = 'CheckInGroupAttendance1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE check_ins
        ADD COLUMN group_meetings_verified integer CHECK (group_meetings_verified >= 0),
        ADD COLUMN group_meetings_self_reported integer CHECK (group_meetings_self_reported >= 0),
        ADD COLUMN group_meetings_prefilled boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT check_ins_prefilled_group_meetings_check CHECK (NOT group_meetings_prefilled OR
          group_meetings_attended = group_meetings_verified + group_meetings_self_reported)`);
    await q.query(`
      CREATE OR REPLACE VIEW patient_group_attendance AS
      SELECT a.patient_id, m.group_id, m.id AS meeting_id, g.kind, m.starts_at AS occurred_at,
             (m.starts_at AT TIME ZONE g.time_zone)::date AS occurred_on, a.status, false AS self_reported,
             NULL::uuid AS community_meeting_id
      FROM support_group_attendance a
      JOIN support_group_meetings m ON m.id = a.meeting_id
      JOIN support_groups g ON g.id = m.group_id
      UNION ALL
      SELECT c.patient_id, NULL, NULL, c.kind, NULL, c.occurred_on, 'present', true, c.id
      FROM community_meetings c`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW patient_group_attendance`);
    await q.query(`
      CREATE VIEW patient_group_attendance AS
      SELECT a.patient_id, m.group_id, m.id AS meeting_id, g.kind, m.starts_at AS occurred_at,
             (m.starts_at AT TIME ZONE g.time_zone)::date AS occurred_on, a.status, false AS self_reported
      FROM support_group_attendance a
      JOIN support_group_meetings m ON m.id = a.meeting_id
      JOIN support_groups g ON g.id = m.group_id
      UNION ALL
      SELECT c.patient_id, NULL, NULL, c.kind, NULL, c.occurred_on, 'present', true
      FROM community_meetings c`);
    await q.query(`
      ALTER TABLE check_ins DROP CONSTRAINT check_ins_prefilled_group_meetings_check,
        DROP COLUMN group_meetings_prefilled, DROP COLUMN group_meetings_self_reported, DROP COLUMN group_meetings_verified`);
  }
}
