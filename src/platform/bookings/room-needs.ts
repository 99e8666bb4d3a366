import type { EntityManager } from 'typeorm';

/** What a room must still hold: the sessions, meetings and groups that need more places than `capacity`. */
export interface RoomShortfall {
  /** The most places any one of them needs. */
  capacityNeeded: number;
  sessionIds: string[];
  meetingIds: string[];
  groupIds: string[];
}

/**
 * Reads the view `room_needs_ahead` (migration 1765800500000): every session or
 * support-group meeting booked into the room and not yet over, and every active
 * group meeting there, that would not fit in `capacity`. Null when all fit.
 */
export async function roomShortfall(manager: EntityManager, roomId: string, capacity: number): Promise<RoomShortfall | null> {
  const [row] = (await manager.query(
    `SELECT max(people)::int AS needed,
       coalesce(array_agg(DISTINCT session_id::text) FILTER (WHERE session_id IS NOT NULL), '{}') AS session_ids,
       coalesce(array_agg(DISTINCT meeting_id::text) FILTER (WHERE meeting_id IS NOT NULL), '{}') AS meeting_ids,
       coalesce(array_agg(DISTINCT group_id::text) FILTER (WHERE group_id IS NOT NULL), '{}') AS group_ids
     FROM room_needs_ahead WHERE room_id = $1 AND people > $2`,
    [roomId, capacity],
  )) as { needed: number | null; session_ids: string[]; meeting_ids: string[]; group_ids: string[] }[];
  if (!row || row.needed === null) return null;
  return { capacityNeeded: row.needed, sessionIds: row.session_ids, meetingIds: row.meeting_ids, groupIds: row.group_ids };
}
