import { PreparedQueries } from '../../platform/sql/prepared-queries.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type BookingHolder, busyPeriods, resourceConflicts } from '../../platform/bookings/resource-bookings';
import type { SqlQuery } from '../../common/sql-query';
import { type AuditEntry, auditedRead } from '../../platform/audit/audit.service';
import { isoInstantSql, jsonArraySql, type JsonFields, jsonRecordSql } from '../../common/json-sql';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import type { CancelledBy, SessionStatus } from './entities/session.entity';
import type { Interval } from './overlap';
import type { SessionKind } from '../session-kinds';

export interface SessionFilter {
  clinicianId?: string;
  patientId?: string;
  roomId?: string;
  from: Date;
  to: Date;
  status?: SessionStatus;
  kind?: SessionKind;
  limit: number;
  offset: number;
}

/** The session view's SELECT; `$1` is always the reader's user id. */
const VIEW_SELECT = `
  SELECT s.id, s.kind, s.starts_at, s.ends_at, s.room_id, r.name AS room_name, s.series_id, s.status,
    s.cancelled_by, s.cancel_reason, s.cancelled_at, s.version, s.created_at, s.updated_at,
    ARRAY(SELECT sc.clinician_id::text FROM session_clinicians sc WHERE sc.session_id = s.id
          ORDER BY sc.clinician_id) AS clinician_ids,
    ARRAY(SELECT sp.patient_id::text FROM session_patients sp WHERE sp.session_id = s.id
          AND ${PatientAccessService.scopeSql('sp.patient_id', '$1::uuid')} ORDER BY sp.patient_id) AS visible_patient_ids,
    (SELECT count(*)::int FROM session_patients sp WHERE sp.session_id = s.id) AS patient_count
  FROM sessions s LEFT JOIN rooms r ON r.id = s.room_id`;

/**
 * No session lasts more than 12 hours (CHECK sessions_period_check), so a
 * session overlapping [from, to) starts after from - 12 h: that lower bound
 * turns "ends after from" into an index range on the start instead of a scan
 * of every earlier session. Bookings mirror their session's period (trigger
 * session_booking_mirror), so the same bound applies to lower(period).
 */
const LONGEST_SESSION = `interval '12 hours'`;

/** Parameters $1 reader, $2 from, $3 to, then the filters'; the condition on sessions `s`. */
function calendarFilter(readerId: string, f: SessionFilter): { params: unknown[]; condition: string } {
  const params: unknown[] = [readerId, f.from, f.to];
  const where = [`s.ends_at > $2`, `s.starts_at < $3`, `s.starts_at > $2::timestamptz - ${LONGEST_SESSION}`];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  const booked = (table: string, column: string) => (p: string) =>
    `s.id IN (SELECT x.session_id FROM ${table} x WHERE x.${column} = ${p}::uuid
       AND lower(x.period) > $2::timestamptz - ${LONGEST_SESSION} AND lower(x.period) < $3)`;
  if (f.clinicianId) add(booked('session_clinicians', 'clinician_id'), f.clinicianId);
  if (f.patientId) add(booked('session_patients', 'patient_id'), f.patientId);
  if (f.roomId) add((p) => `s.room_id = ${p}::uuid`, f.roomId);
  if (f.status) add((p) => `s.status = ${p}`, f.status);
  if (f.kind) add((p) => `s.kind = ${p}`, f.kind);
  return { params, condition: where.join(' AND ') };
}

/** A session view row (`s`) as SessionResponse.of writes it, with or without its cancel reason. */
const sessionFields = (withCancelReason: boolean): JsonFields => [
  ['id', 's.id'], ['kind', 's.kind'], ['startsAt', isoInstantSql('s.starts_at')], ['endsAt', isoInstantSql('s.ends_at')],
  ['roomId', 's.room_id'], ['roomName', 's.room_name'], ['seriesId', 's.series_id'], ['status', 's.status'],
  ['cancelledBy', 's.cancelled_by'], ...(withCancelReason ? [['cancelReason', 's.cancel_reason'] as const] : []),
  ['cancelledAt', isoInstantSql('s.cancelled_at')], ['clinicianIds', 's.clinician_ids'],
  ['patientIds', 's.visible_patient_ids'], ['patientCount', 's.patient_count'], ['version', 's.version'],
  ['createdAt', isoInstantSql('s.created_at')], ['updatedAt', isoInstantSql('s.updated_at')],
];

/** The cancel reason is free text that can identify people: only a reader who sees every patient gets it. */
const SESSION_JSON = `CASE WHEN cardinality(s.visible_patient_ids) = s.patient_count
  THEN row_to_json(${jsonRecordSql(sessionFields(true))}) ELSE row_to_json(${jsonRecordSql(sessionFields(false))}) END`;

/** Audit details of a calendar page (the CTE `page`): its session ids in page order. */
const PAGE_SESSION_IDS = `jsonb_build_object('sessionIds',
  COALESCE((SELECT jsonb_agg(p.id ORDER BY p.starts_at, p.id) FROM page p), '[]'::jsonb))`;

/** Audit details of a calendar page: each visible patient once, in order of first appearance. */
const PAGE_PATIENT_IDS = `jsonb_build_object('patientIds', COALESCE((
  SELECT jsonb_agg(x.pid ORDER BY x.n, x.k) FROM (
    SELECT DISTINCT ON (u.pid) u.pid, o.n, u.k
    FROM (SELECT p.visible_patient_ids, row_number() OVER (ORDER BY p.starts_at, p.id) AS n FROM page p) o
    CROSS JOIN LATERAL unnest(o.visible_patient_ids) WITH ORDINALITY AS u(pid, k)
    ORDER BY u.pid, o.n, u.k) x), '[]'::jsonb))`;

/** Whose visibility a calendar's audit event records. */
export interface CalendarAudit {
  entry: AuditEntry;
  /** Name each patient the page shows (no patient filter), not only the sessions. */
  patientIds: boolean;
}

/**
 * A calendar page and its audit event in one statement, answering with the
 * SessionPage JSON text: sessions overlapping [from, to) matching every given
 * filter, in start order, and the total. A clinician or patient filter is
 * driven from its bookings' (person, lower(period)) index. The event names
 * the sessions returned (and, with `patientIds`, the patients visible in them).
 * Exported so the benchmark EXPLAINs it.
 */
export function calendarQuery(readerId: string, f: SessionFilter, audit: CalendarAudit): SqlQuery {
  const { params, condition } = calendarFilter(readerId, f);
  const limit = `$${params.push(f.limit)}::int`;
  const offset = `$${params.push(f.offset)}::int`;
  return auditedRead({
    ctes: `page AS (${VIEW_SELECT} WHERE ${condition} ORDER BY s.starts_at, s.id LIMIT ${limit} OFFSET ${offset})`,
    params,
    answer: `SELECT row_to_json(${jsonRecordSql([
      ['items', jsonArraySql(SESSION_JSON, 'page s', ['s.starts_at', 's.id'])],
      ['total', `(SELECT count(*) FROM sessions s WHERE ${condition})::int`],
      ['limit', limit], ['offset', offset],
    ])})::text AS body`,
  }, audit.entry, audit.patientIds ? `${PAGE_SESSION_IDS} || ${PAGE_PATIENT_IDS}` : PAGE_SESSION_IDS);
}

/** A session with its participants; patients are limited to those the reader may see. */
export interface SessionView {
  id: string;
  kind: SessionKind;
  startsAt: Date;
  endsAt: Date;
  roomId: string | null;
  roomName: string | null;
  seriesId: string | null;
  status: SessionStatus;
  cancelledBy: CancelledBy | null;
  cancelReason: string | null;
  cancelledAt: Date | null;
  clinicianIds: string[];
  visiblePatientIds: string[];
  patientCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type BookingResource = 'clinician' | 'room' | 'patient';

/** One existing booking (of a session or a support-group meeting) that collides with a proposed one. */
export type BookingConflict = BookingHolder & { resource: BookingResource; resourceId: string };

export interface BookingProposal {
  intervals: Interval[];
  clinicianIds: string[];
  patientIds: string[];
  roomId: string | null;
  /** Sessions being moved: their own current bookings do not count. */
  excludeSessionIds?: string[];
}

interface SessionRow {
  id: string;
  kind: SessionKind;
  starts_at: Date;
  ends_at: Date;
  room_id: string | null;
  room_name: string | null;
  series_id: string | null;
  status: SessionStatus;
  cancelled_by: CancelledBy | null;
  cancel_reason: string | null;
  cancelled_at: Date | null;
  clinician_ids: string[];
  visible_patient_ids: string[];
  patient_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const toView = (r: SessionRow): SessionView => ({
  id: r.id, kind: r.kind, startsAt: r.starts_at, endsAt: r.ends_at, roomId: r.room_id, roomName: r.room_name,
  seriesId: r.series_id, status: r.status, cancelledBy: r.cancelled_by, cancelReason: r.cancel_reason,
  cancelledAt: r.cancelled_at, clinicianIds: r.clinician_ids, visiblePatientIds: r.visible_patient_ids,
  patientCount: r.patient_count, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** Reads of sessions shared by the use cases: views, calendars, conflicts and busy time. */
@Injectable()
export class SessionQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly prepared: PreparedQueries,
  ) {}

  /** The sessions with these ids, in start order, as the reader may see them. */
  async views(readerId: string, ids: string[], manager: EntityManager = this.dataSource.manager): Promise<SessionView[]> {
    if (ids.length === 0) return [];
    const rows = (await manager.query(`${VIEW_SELECT} WHERE s.id = ANY($2::uuid[]) ORDER BY s.starts_at, s.id`, [
      readerId,
      ids,
    ])) as SessionRow[];
    return rows.map(toView);
  }

  async view(readerId: string, id: string, manager?: EntityManager): Promise<SessionView | undefined> {
    return (await this.views(readerId, [id], manager))[0];
  }

  /** A calendar page and its audit event (see calendarQuery), as SessionPage JSON text. */
  async calendar(readerId: string, f: SessionFilter, audit: CalendarAudit): Promise<string> {
    const [row] = await this.prepared.query<{ body: string }>(calendarQuery(readerId, f, audit));
    return (row as { body: string }).body;
  }

  /**
   * Every active booking that would collide with the proposal (half-open periods: touching is fine).
   * Rooms and clinicians are read from the bookings shared with support-group meetings.
   */
  async conflicts(p: BookingProposal, manager: EntityManager = this.dataSource.manager): Promise<BookingConflict[]> {
    const shared = await resourceConflicts(manager, {
      intervals: p.intervals, staffIds: p.clinicianIds, roomId: p.roomId, excludeSessionIds: p.excludeSessionIds ?? [],
    });
    const patients = (await manager.query(
      `SELECT DISTINCT b.session_id::text AS session_id, b.patient_id::text AS resource_id, lower(b.period) AS starts_at
       FROM session_patients b
       JOIN unnest($1::timestamptz[], $2::timestamptz[]) AS o(s, e) ON b.period && tstzrange(o.s, o.e, '[)')
       WHERE b.active AND b.patient_id = ANY($3::uuid[]) AND b.session_id <> ALL($4::uuid[])
       ORDER BY starts_at, resource_id, session_id`,
      [p.intervals.map((i) => i.startsAt), p.intervals.map((i) => i.endsAt), p.patientIds, p.excludeSessionIds ?? []],
    )) as { session_id: string; resource_id: string; starts_at: Date }[];
    // Support-group meetings the patients hold a seat for (view patient_meeting_bookings, migration 1765900000000).
    const meetings = (await manager.query(
      `SELECT DISTINCT b.meeting_id::text AS meeting_id, b.patient_id::text AS resource_id, lower(b.period) AS starts_at
       FROM patient_meeting_bookings b
       JOIN unnest($1::timestamptz[], $2::timestamptz[]) AS o(s, e) ON b.period && tstzrange(o.s, o.e, '[)')
       WHERE b.patient_id = ANY($3::uuid[])
       ORDER BY starts_at, resource_id, meeting_id`,
      [p.intervals.map((i) => i.startsAt), p.intervals.map((i) => i.endsAt), p.patientIds],
    )) as { meeting_id: string; resource_id: string; starts_at: Date }[];
    const all = [
      ...shared.map(({ resource, ...rest }) => ({ ...rest, resource: resource === 'staff' ? 'clinician' : 'room' }) as const),
      ...patients.map((r) => ({ sessionId: r.session_id, resource: 'patient', resourceId: r.resource_id, startsAt: r.starts_at }) as const),
      ...meetings.map((r) => ({ meetingId: r.meeting_id, resource: 'patient', resourceId: r.resource_id, startsAt: r.starts_at }) as const),
    ];
    const order = (c: (typeof all)[number]) => `${c.startsAt.toISOString()} ${c.resource} ${c.resourceId}`;
    return all
      .sort((a, b) => order(a).localeCompare(order(b)))
      .map(({ startsAt: _startsAt, ...conflict }): BookingConflict => conflict);
  }

  /** Busy intervals of the clinicians and the room within [from, to), sessions and support-group meetings alike. */
  busy(clinicianIds: string[], roomId: string | null, from: Date, to: Date): Promise<Interval[]> {
    return busyPeriods(this.dataSource.manager, clinicianIds, roomId, from, to);
  }
}
