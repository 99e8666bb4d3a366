import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError, NotFound, StaleVersion, ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import { BOOKING_CONSTRAINTS, BookingGuard } from './booking-guard.service';
import type { CancelSessionDto, CreateSessionDto, RescheduleSessionDto } from './dto/session.dto';
import { Session } from './entities/session.entity';
import { type Interval, validateInterval } from './overlap';
import { expandWeeklyRecurrence } from './recurrence';
import { shiftOccurrence } from './series-shift';
import { patientCountProblem } from '../session-kinds';
import { type BookingProposal, SessionQueries, type SessionView } from './session-queries.service';
import type { IfMatch } from '../../common/http/etag';

export interface ScheduleResult {
  seriesId: string | null;
  sessions: SessionView[];
}

export interface ChangeResult {
  session: SessionView;
  affectedSessionIds: string[];
}

/** Booking, moving and cancelling sessions; the database refuses any double booking. */
@Injectable()
export class SchedulingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guard: BookingGuard,
    private readonly queries: SessionQueries,
    private readonly config: AppConfig,
  ) {}

  /** Books one session, or every occurrence of a weekly series in one transaction (all or none). */
  async schedule(user: AuthUser, dto: CreateSessionDto): Promise<ScheduleResult> {
    const intervals = this.occurrences(dto);
    const countProblem = patientCountProblem(dto.kind, dto.patientIds.length);
    if (countProblem) throw new ValidationFailed([{ field: 'patientIds', message: countProblem }]);
    const roomId = dto.roomId ?? null;
    const proposal: BookingProposal = { intervals, clinicianIds: dto.clinicianIds, patientIds: dto.patientIds, roomId };

    return this.guard.book(
      () =>
        this.dataSource.transaction(async (m) => {
          const accesses = await this.guard.requirePatients(user, m, dto.patientIds);
          await this.guard.requireClinicians(m, dto.clinicianIds);
          if (roomId) await this.guard.requireRoom(m, roomId, dto.patientIds.length + dto.clinicianIds.length);

          let seriesId: string | null = null;
          if (dto.recurrence) {
            const [series] = (await m.query(
              `INSERT INTO session_series (weekdays, occurrence_count, until, time_zone, created_by)
               VALUES ($1, $2, $3, $4, $5) RETURNING id::text`,
              [
                [...new Set(dto.recurrence.weekdays)],
                dto.recurrence.count ?? null,
                dto.recurrence.until ? new Date(dto.recurrence.until) : null,
                this.config.PROGRAM_TIMEZONE,
                user.id,
              ],
            )) as { id: string }[];
            seriesId = series?.id ?? null;
          }
          const inserted = (await m.query(
            `INSERT INTO sessions (kind, starts_at, ends_at, room_id, series_id, created_by)
             SELECT $1, o.s, o.e, $4::uuid, $5::uuid, $6 FROM unnest($2::timestamptz[], $3::timestamptz[]) AS o(s, e)
             RETURNING id::text, starts_at`,
            [dto.kind, intervals.map((i) => i.startsAt), intervals.map((i) => i.endsAt), roomId, seriesId, user.id],
          )) as { id: string; starts_at: Date }[];
          const ids = inserted.sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime()).map((r) => r.id);
          // Bookings in a fixed order (resource, then time) so concurrent bookings do not deadlock.
          await m.query(
            `INSERT INTO session_clinicians (session_id, clinician_id)
             SELECT s.id, c.id FROM unnest($1::uuid[]) AS c(id) CROSS JOIN sessions s
             WHERE s.id = ANY($2::uuid[]) ORDER BY c.id, s.starts_at`,
            [[...dto.clinicianIds].sort(), ids],
          );
          await m.query(
            `INSERT INTO session_patients (session_id, patient_id)
             SELECT s.id, p.id FROM unnest($1::uuid[]) AS p(id) CROSS JOIN sessions s
             WHERE s.id = ANY($2::uuid[]) ORDER BY p.id, s.starts_at`,
            [[...dto.patientIds].sort(), ids],
          );
          await this.guard.audit(accesses, 'session.create', ids[0] as string, m, {
            sessionIds: ids, seriesId, kind: dto.kind, roomId, clinicianIds: dto.clinicianIds,
          });
          return { seriesId, sessions: await this.queries.views(user.id, ids, m) };
        }),
      () => proposal,
    );
  }

  /**
   * Moves a session (scope `this`) or it and every later scheduled occurrence
   * of its series (scope `following`), if the caller saw its current version.
   */
  async reschedule(user: AuthUser, id: string, expected: IfMatch, dto: RescheduleSessionDto): Promise<ChangeResult> {
    if (dto.startsAt === undefined && dto.endsAt === undefined && dto.roomId === undefined) {
      throw new ValidationFailed([{ field: 'startsAt', message: 'give startsAt, endsAt or roomId to change' }]);
    }
    let proposal: BookingProposal | undefined;
    return this.guard.book(
      () =>
        this.dataSource.transaction(async (m) => {
          const target = await this.lockOpen(m, id);
          const accesses = await this.guard.requireManage(user, m, id);
          if (!expected.matches(target.version)) throw new StaleVersion(target.version);

          const from: Interval = { startsAt: target.startsAt, endsAt: target.endsAt };
          const to = this.movedInterval(from, dto);
          const affected = await this.affected(m, target, dto.scope);
          await this.refuseRecordedAttendance(m, affected.map((s) => s.id));
          const moves = affected.map((s) => ({
            id: s.id,
            ...(s.id === target.id ? to : shiftOccurrence({ startsAt: s.startsAt, endsAt: s.endsAt }, { from, to }, this.config.PROGRAM_TIMEZONE)),
          }));
          moves.forEach((move, i) => {
            const errors = validateInterval(move, i === 0 ? '' : `occurrences[${i}].`);
            if (errors.length > 0) throw new ValidationFailed(errors);
          });

          const roomId = dto.roomId === undefined ? target.roomId : dto.roomId;
          const participants = (await m.query(
            `SELECT ARRAY(SELECT clinician_id::text FROM session_clinicians WHERE session_id = $1) AS clinicians,
                    ARRAY(SELECT patient_id::text FROM session_patients WHERE session_id = $1) AS patients`,
            [id],
          )) as { clinicians: string[]; patients: string[] }[];
          const clinicianIds = participants[0]?.clinicians ?? [];
          const patientIds = participants[0]?.patients ?? [];
          await this.requireRoomsHold(m, moves.map((mv) => mv.id), dto.roomId);
          proposal = {
            intervals: moves, clinicianIds, patientIds, roomId, excludeSessionIds: moves.map((mv) => mv.id),
          };

          // The occurrences move together: check overlaps once all of them have moved.
          await m.query(`SET CONSTRAINTS ${BOOKING_CONSTRAINTS.join(', ')} DEFERRED`);
          await m.query(
            `UPDATE sessions s SET starts_at = o.s, ends_at = o.e,
               room_id = CASE WHEN $5 THEN $4::uuid ELSE s.room_id END,
               version = s.version + 1, updated_at = now()
             FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS o(id, s, e)
             WHERE s.id = o.id`,
            [
              moves.map((mv) => mv.id), moves.map((mv) => mv.startsAt), moves.map((mv) => mv.endsAt), roomId,
              dto.roomId !== undefined,
            ],
          );
          await m.query(`SET CONSTRAINTS ${BOOKING_CONSTRAINTS.join(', ')} IMMEDIATE`);

          const affectedSessionIds = moves.map((mv) => mv.id);
          await this.guard.audit(accesses, 'session.reschedule', id, m, {
            scope: dto.scope, affectedSessionIds, roomId,
          });
          const session = await this.queries.view(user.id, id, m);
          return { session: session as SessionView, affectedSessionIds };
        }),
      () => proposal as BookingProposal,
    );
  }

  /** Cancels a session (or it and the rest of its series); the freed slots can be booked again at once. */
  cancel(user: AuthUser, id: string, dto: CancelSessionDto, expected?: IfMatch): Promise<ChangeResult> {
    return this.dataSource.transaction(async (m) => {
      const target = await this.lockOpen(m, id);
      const accesses = await this.guard.requireManage(user, m, id);
      if (expected !== undefined && !expected.matches(target.version)) throw new StaleVersion(target.version);
      if (dto.by === 'patient' && accesses.length > 1) {
        throw new DomainError(
          'cancel_by_attendance',
          'A patient cancels a session with several patients by recording attendance "cancelled" for themselves.',
        );
      }
      const affected = await this.affected(m, target, dto.scope);
      const ids = affected.map((s) => s.id);
      await this.refuseRecordedAttendance(m, ids);
      await m.query(
        `UPDATE sessions SET status = 'cancelled', cancelled_by = $2, cancel_reason = $3, cancelled_at = now(),
           cancelled_by_user = $4, version = version + 1, updated_at = now()
         WHERE id = ANY($1::uuid[])`,
        [ids, dto.by, dto.reason, user.id],
      );
      await this.guard.audit(accesses, 'session.cancel', id, m, { scope: dto.scope, by: dto.by, affectedSessionIds: ids });
      const session = await this.queries.view(user.id, id, m);
      return { session: session as SessionView, affectedSessionIds: ids };
    });
  }

  /** The occurrences to book: one, or the expansion of the weekly recurrence in the program zone. */
  private occurrences(dto: CreateSessionDto): Interval[] {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (!dto.recurrence) {
      const errors = validateInterval({ startsAt, endsAt });
      if (errors.length > 0) throw new ValidationFailed(errors);
      return [{ startsAt, endsAt }];
    }
    // An invalid recurrence throws RecurrenceError, which the problem filter answers as a 400.
    return expandWeeklyRecurrence({
      startsAt,
      endsAt,
      timeZone: this.config.PROGRAM_TIMEZONE,
      weekdays: dto.recurrence.weekdays,
      ...(dto.recurrence.count !== undefined ? { count: dto.recurrence.count } : {}),
      ...(dto.recurrence.until !== undefined ? { until: new Date(dto.recurrence.until) } : {}),
    });
  }

  private movedInterval(from: Interval, dto: RescheduleSessionDto): Interval {
    const startsAt = dto.startsAt !== undefined ? new Date(dto.startsAt) : from.startsAt;
    const endsAt =
      dto.endsAt !== undefined
        ? new Date(dto.endsAt)
        : new Date(startsAt.getTime() + (from.endsAt.getTime() - from.startsAt.getTime()));
    const errors = validateInterval({ startsAt, endsAt });
    if (errors.length > 0) throw new ValidationFailed(errors);
    return { startsAt, endsAt };
  }

  /** The session, locked for the change; cancelled sessions are final. */
  private async lockOpen(m: EntityManager, id: string): Promise<Session> {
    const session = await m.findOne(Session, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!session) throw new NotFound('Session');
    if (session.status === 'cancelled') {
      throw new DomainError('invalid_transition', 'The session was cancelled; a cancelled session is not changed again. Book a new one.');
    }
    return session;
  }

  /** This session, plus (scope `following`) every later scheduled occurrence of its series, locked, in time order. */
  private async affected(m: EntityManager, target: Session, scope: 'this' | 'following'): Promise<Session[]> {
    if (scope === 'this' || !target.seriesId) return [target];
    const later = await m
      .createQueryBuilder(Session, 's')
      .where('s.series_id = :seriesId AND s.status = :status AND s.starts_at > :startsAt AND s.id <> :id', {
        seriesId: target.seriesId, status: 'scheduled', startsAt: target.startsAt, id: target.id,
      })
      .orderBy('s.starts_at', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    return [target, ...later];
  }

  /**
   * Every moved session's room (the new one, or the one it keeps) must be
   * active and hold everyone in it: its capacity may have been lowered since
   * the booking (rooms refuse that only for what lies ahead, and a past
   * session can be moved into the future), and occurrences of a series can
   * differ in who takes part. A retired room is refused only as a new one.
   */
  private async requireRoomsHold(m: EntityManager, sessionIds: string[], newRoomId: string | null | undefined): Promise<void> {
    const rows = (await m.query(
      `SELECT room_id, max(people)::int AS people, bool_and(kept) AS kept FROM (
         SELECT room.id::text AS room_id, room.id IS NOT DISTINCT FROM s.room_id AS kept,
           (SELECT count(*) FROM session_clinicians c WHERE c.session_id = s.id)
             + (SELECT count(*) FROM session_patients p WHERE p.session_id = s.id) AS people
         FROM sessions s CROSS JOIN LATERAL (SELECT CASE WHEN $2 THEN $3::uuid ELSE s.room_id END AS id) room
         WHERE s.id = ANY($1::uuid[])
       ) moved WHERE room_id IS NOT NULL GROUP BY room_id ORDER BY room_id`,
      [sessionIds, newRoomId !== undefined, newRoomId ?? null],
    )) as { room_id: string; people: number; kept: boolean }[];
    for (const row of rows) await this.guard.requireRoom(m, row.room_id, row.people, row.kept);
  }

  private async refuseRecordedAttendance(m: EntityManager, sessionIds: string[]): Promise<void> {
    const rows = (await m.query(
      `SELECT DISTINCT session_id::text FROM session_attendance WHERE session_id = ANY($1::uuid[])`,
      [sessionIds],
    )) as { session_id: string }[];
    if (rows.length > 0) {
      throw new DomainError('attendance_already_recorded', 'Attendance is already recorded for a session this would change; it took place as recorded.', {
        sessionIds: rows.map((r) => r.session_id),
      });
    }
  }
}
