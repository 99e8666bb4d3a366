import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `room_needs_ahead`: how many places each room must keep from now on, one row
 * per holder. A session not yet over needs its patients and clinicians; a
 * support-group meeting not yet over, and an active group still meeting in the
 * room (its later meetings are generated as the horizon moves), need the
 * group's seats and facilitators (the rule groups already keep). Cancelled
 * sessions and meetings have no room booking, so they never count. A room's
 * capacity is not lowered below any of these (rooms.service.ts); bookings and
 * group changes lock the room row FOR SHARE, the capacity change FOR UPDATE.
 */
export class RoomNeedsAhead1765800500000 implements MigrationInterface {
  name = 'RoomNeedsAhead1765800500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW room_needs_ahead AS
      SELECT b.room_id, b.session_id, NULL::uuid AS meeting_id, NULL::uuid AS group_id,
        ((SELECT count(*) FROM session_patients p WHERE p.session_id = b.session_id)
          + (SELECT count(*) FROM session_clinicians c WHERE c.session_id = b.session_id))::int AS people
      FROM room_bookings b
      WHERE b.session_id IS NOT NULL AND upper(b.period) > now()
      UNION ALL
      SELECT b.room_id, NULL, b.meeting_id, mt.group_id,
        (g.capacity + (SELECT count(*) FROM support_group_meeting_facilitators f WHERE f.meeting_id = b.meeting_id))::int
      FROM room_bookings b
      JOIN support_group_meetings mt ON mt.id = b.meeting_id
      JOIN support_groups g ON g.id = mt.group_id
      WHERE upper(b.period) > now()
      UNION ALL
      SELECT g.room_id, NULL, NULL, g.id,
        (g.capacity + (SELECT count(*) FROM support_group_facilitators f WHERE f.group_id = g.id))::int
      FROM support_groups g
      WHERE g.room_id IS NOT NULL AND g.status = 'active'
        AND (g.last_date IS NULL OR g.last_date >= (now() AT TIME ZONE g.time_zone)::date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW room_needs_ahead`);
  }
}
