import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFound } from '../../common/problem/domain-error';
import type { GroupSchedule } from './group-schedule';
import type { Enrollment, GroupKind, GroupResponse, GroupStatus } from './dto/group.dto';

interface GroupRow {
  id: string;
  name: string;
  kind: GroupKind;
  facilitator_ids: string[];
  capacity: number;
  member_count: number;
  waitlist_count: number;
  weekdays: GroupSchedule['weekdays'];
  start_time: string;
  end_time: string;
  first_date: string;
  last_date: string | null;
  time_zone: string;
  room_id: string | null;
  video_url: string | null;
  enrollment: Enrollment;
  status: GroupStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `
  SELECT g.id::text, g.name, g.kind, g.capacity, to_char(g.start_time, 'HH24:MI') AS start_time,
    to_char(g.end_time, 'HH24:MI') AS end_time, to_char(g.first_date, 'YYYY-MM-DD') AS first_date,
    to_char(g.last_date, 'YYYY-MM-DD') AS last_date, g.weekdays, g.time_zone, g.room_id::text, g.video_url,
    g.enrollment, g.status, g.version, g.created_at, g.updated_at,
    ARRAY(SELECT f.user_id::text FROM support_group_facilitators f WHERE f.group_id = g.id ORDER BY f.user_id) AS facilitator_ids,
    (SELECT count(*)::int FROM support_group_memberships x WHERE x.group_id = g.id AND x.status = 'member') AS member_count,
    (SELECT count(*)::int FROM support_group_memberships x WHERE x.group_id = g.id AND x.status = 'waitlisted') AS waitlist_count
  FROM support_groups g`;

const toResponse = (r: GroupRow): GroupResponse => ({
  id: r.id, name: r.name, kind: r.kind, facilitatorIds: r.facilitator_ids, capacity: r.capacity,
  memberCount: r.member_count, waitlistCount: r.waitlist_count,
  schedule: {
    weekdays: r.weekdays, startTime: r.start_time, endTime: r.end_time, firstDate: r.first_date, lastDate: r.last_date,
    timeZone: r.time_zone,
  },
  roomId: r.room_id, videoUrl: r.video_url, enrollment: r.enrollment, status: r.status, version: r.version,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

/** Reads of support groups shared by the use cases; `lock` serialises every change of one group. */
@Injectable()
export class GroupQueries {
  /** Support groups as the API shows them (no patient appears in a group's own view). */
  async view(m: EntityManager, id: string): Promise<GroupResponse> {
    const [row] = (await m.query(`${SELECT} WHERE g.id = $1`, [id])) as GroupRow[];
    if (!row) throw new NotFound('Support group');
    return toResponse(row);
  }

  async page(
    m: EntityManager,
    f: { status?: GroupStatus; kind?: GroupKind; limit: number; offset: number },
  ): Promise<{ items: GroupResponse[]; total: number }> {
    const where = `($1::text IS NULL OR g.status = $1) AND ($2::text IS NULL OR g.kind = $2)`;
    const params = [f.status ?? null, f.kind ?? null];
    const [count] = (await m.query(`SELECT count(*)::int AS n FROM support_groups g WHERE ${where}`, params)) as { n: number }[];
    const rows = (await m.query(
      `${SELECT} WHERE ${where} ORDER BY g.name, g.id LIMIT ${Number(f.limit)} OFFSET ${Number(f.offset)}`,
      params,
    )) as GroupRow[];
    return { items: rows.map(toResponse), total: count?.n ?? 0 };
  }

  /** The group's schedule, locked FOR UPDATE: membership, capacity and meeting changes of one group are serialised. */
  async lock(
    m: EntityManager,
    id: string,
  ): Promise<{ schedule: GroupSchedule; roomId: string | null; status: GroupStatus; version: number; capacity: number; enrollment: Enrollment }> {
    const [row] = (await m.query(
      `SELECT g.weekdays, to_char(g.start_time, 'HH24:MI') AS start_time, to_char(g.end_time, 'HH24:MI') AS end_time,
         to_char(g.first_date, 'YYYY-MM-DD') AS first_date, to_char(g.last_date, 'YYYY-MM-DD') AS last_date, g.time_zone,
         g.room_id::text, g.status, g.version, g.capacity, g.enrollment
       FROM support_groups g WHERE g.id = $1 FOR UPDATE`,
      [id],
    )) as GroupRow[];
    if (!row) throw new NotFound('Support group');
    return {
      schedule: {
        weekdays: row.weekdays, startTime: row.start_time, endTime: row.end_time, firstDate: row.first_date,
        lastDate: row.last_date, timeZone: row.time_zone,
      },
      roomId: row.room_id, status: row.status, version: row.version, capacity: row.capacity, enrollment: row.enrollment,
    };
  }

  /** Whether the user facilitates the group: facilitators see its roster and record its attendance. */
  async facilitates(m: EntityManager, groupId: string, userId: string): Promise<boolean> {
    const [row] = (await m.query(`SELECT 1 FROM support_group_facilitators WHERE group_id = $1 AND user_id = $2`, [
      groupId,
      userId,
    ])) as unknown[];
    return row !== undefined;
  }
}
