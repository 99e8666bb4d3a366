import type { EntityManager } from 'typeorm';

/**
 * The booking tables sessions and support-group meetings share (migration
 * 1764700000000): one exclusion constraint per resource refuses overlapping
 * bookings, whichever feature holds them. Triggers write the rows; features
 * only read them here.
 */
export const SHARED_BOOKING_CONSTRAINTS = ['room_bookings_no_overlap', 'staff_bookings_no_overlap'] as const;

export interface BookingWindow {
  startsAt: Date;
  endsAt: Date;
}

/** What holds a colliding booking: a session or a support-group meeting. */
export type BookingHolder = { sessionId: string } | { meetingId: string };

/** `startsAt` (the colliding booking's start) is for ordering; callers need not show it. */
export type ResourceConflict = BookingHolder & { resource: 'staff' | 'room'; resourceId: string; startsAt: Date };

export interface ResourceProposal {
  intervals: BookingWindow[];
  staffIds: string[];
  roomId: string | null;
  /** Bookings of these sessions / meetings do not count (they are the ones being moved). */
  excludeSessionIds?: string[];
  excludeMeetingIds?: string[];
}

interface ConflictRow {
  session_id: string | null;
  meeting_id: string | null;
  resource: 'staff' | 'room';
  resource_id: string;
  starts_at: Date;
}

/** Every active room or staff booking that would collide with the proposal (half-open periods). */
export async function resourceConflicts(manager: EntityManager, p: ResourceProposal): Promise<ResourceConflict[]> {
  const rows = (await manager.query(
    `WITH occ AS (
       SELECT tstzrange(o.s, o.e, '[)') AS period FROM unnest($1::timestamptz[], $2::timestamptz[]) AS o(s, e))
     SELECT DISTINCT session_id, meeting_id, resource, resource_id, starts_at FROM (
       SELECT b.session_id::text, b.meeting_id::text, 'staff' AS resource, b.user_id::text AS resource_id,
              lower(b.period) AS starts_at
       FROM staff_bookings b JOIN occ ON b.period && occ.period WHERE b.user_id = ANY($3::uuid[])
       UNION ALL
       SELECT b.session_id::text, b.meeting_id::text, 'room', b.room_id::text, lower(b.period)
       FROM room_bookings b JOIN occ ON b.period && occ.period WHERE b.room_id = $4::uuid
     ) c
     WHERE (session_id IS NULL OR session_id::uuid <> ALL($5::uuid[]))
       AND (meeting_id IS NULL OR meeting_id::uuid <> ALL($6::uuid[]))
     ORDER BY starts_at, resource, resource_id, session_id, meeting_id`,
    [
      p.intervals.map((i) => i.startsAt),
      p.intervals.map((i) => i.endsAt),
      p.staffIds,
      p.roomId,
      p.excludeSessionIds ?? [],
      p.excludeMeetingIds ?? [],
    ],
  )) as ConflictRow[];
  return rows.map((r) => ({
    ...(r.session_id ? { sessionId: r.session_id } : { meetingId: r.meeting_id as string }),
    resource: r.resource,
    resourceId: r.resource_id,
    startsAt: r.starts_at,
  }));
}

/** Busy periods of these staff members and this room within [from, to), whoever holds them. */
export async function busyPeriods(
  manager: EntityManager,
  staffIds: string[],
  roomId: string | null,
  from: Date,
  to: Date,
): Promise<BookingWindow[]> {
  const rows = (await manager.query(
    `SELECT lower(period) AS starts_at, upper(period) AS ends_at FROM staff_bookings
     WHERE user_id = ANY($1::uuid[]) AND period && tstzrange($3, $4, '[)')
     UNION ALL
     SELECT lower(period), upper(period) FROM room_bookings WHERE room_id = $2::uuid AND period && tstzrange($3, $4, '[)')`,
    [staffIds, roomId, from, to],
  )) as { starts_at: Date; ends_at: Date }[];
  return rows.map((r) => ({ startsAt: r.starts_at, endsAt: r.ends_at }));
}
