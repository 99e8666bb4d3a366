import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type BookingHolder, busyPeriods, resourceConflicts } from '../../platform/bookings/resource-bookings';
import type { CancelledBy, SessionStatus } from './entities/session.entity';
import type { Interval } from './overlap';
import { type SessionFilter, sessionListQueries, VIEW_SELECT } from './session-list.query';
import type { SessionKind } from '../session-kinds';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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

  /** A calendar page: sessions overlapping [from, to) matching every given filter. */
  async list(readerId: string, f: SessionFilter): Promise<{ items: SessionView[]; total: number }> {
    const { count, page } = sessionListQueries(readerId, f);
    const [counted] = (await this.dataSource.query(count.sql, count.params)) as { n: number }[];
    const rows = (await this.dataSource.query(page.sql, page.params)) as SessionRow[];
    return { items: rows.map(toView), total: counted?.n ?? 0 };
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
    const all = [
      ...shared.map(({ resource, ...rest }) => ({ ...rest, resource: resource === 'staff' ? 'clinician' : 'room' }) as const),
      ...patients.map((r) => ({ sessionId: r.session_id, resource: 'patient', resourceId: r.resource_id, startsAt: r.starts_at }) as const),
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
