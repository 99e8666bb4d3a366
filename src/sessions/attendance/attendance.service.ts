import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AlertsService } from '../../platform/alerts/alerts.service';
import type { AuthUser } from '../../common/auth/auth-user';
import { engagementAlert, missedStreak } from '../../common/engagement/missed-attendance-streak';
import { DomainError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { SettingsService } from '../../platform/settings/settings.service';
import type { RecordAttendanceDto } from './dto/attendance.dto';
import { SessionAttendance } from './entities/session-attendance.entity';
import { Session } from '../scheduling/entities/session.entity';
import type { AttendanceStatus } from '../iop/iop-weeks';
import { NO_SHOW_ALERT } from '../sessions-settings';

/** Attendance per booked patient, and the engagement alert on consecutive no-shows. */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly alerts: AlertsService,
    private readonly settings: SettingsService,
  ) {}

  /** Records (or corrects) whether a booked patient came, once the session has started. */
  record(accesses: readonly PatientAccess[], sessionId: string, dto: RecordAttendanceDto): Promise<SessionAttendance> {
    // The guard resolved the body's patientId; a valid body always names one.
    const access = accesses.find((a) => a.patientId === dto.patientId);
    if (!access) throw new NotFound('Patient');
    const { user } = access;
    return this.dataSource.transaction(async (m) => {
      // Shared lock: a concurrent cancel or reschedule (which lock the session for update) waits, and vice versa.
      const session = await m.findOne(Session, { where: { id: sessionId }, lock: { mode: 'pessimistic_read' } });
      if (!session) throw new NotFound('Session');
      const [booked] = (await m.query(`SELECT 1 FROM session_patients WHERE session_id = $1 AND patient_id = $2`, [
        sessionId,
        dto.patientId,
      ])) as unknown[];
      if (!booked) throw new DomainError('patient_not_booked', 'The patient is not booked into this session.');
      if (session.status === 'cancelled') {
        throw new DomainError('session_cancelled', 'The session was cancelled; there is no attendance to record.');
      }
      if (session.startsAt.getTime() > Date.now()) {
        throw new DomainError('session_not_started', 'Attendance is recorded once the session has started.', {
          startsAt: session.startsAt,
        });
      }
      const minutes = this.minutes(dto, session);

      // One patient's attendance is recorded one request at a time, so two
      // concurrent no-shows cannot both miss the streak.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('session-attendance:' || $1, 0))`, [dto.patientId]);
      // A correction replaces the row; the audit trail keeps what it replaced.
      const [previous] = (await m.query(
        `SELECT status, minutes_attended FROM session_attendance WHERE session_id = $1 AND patient_id = $2`,
        [sessionId, dto.patientId],
      )) as { status: AttendanceStatus; minutes_attended: number | null }[];
      await m.query(
        `INSERT INTO session_attendance (session_id, patient_id, status, minutes_attended, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (session_id, patient_id) DO UPDATE SET status = EXCLUDED.status,
           minutes_attended = EXCLUDED.minutes_attended, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
        [sessionId, dto.patientId, dto.status, minutes, user.id],
      );
      await this.access.record(access, 'attendance.record', 'session', sessionId, m, {
        status: dto.status,
        minutesAttended: minutes,
        ...(previous ? { previousStatus: previous.status, previousMinutesAttended: previous.minutes_attended } : {}),
      });
      if (dto.status === 'no_show') await this.checkNoShowStreak(m, dto.patientId, sessionId);
      return m.findOneByOrFail(SessionAttendance, { sessionId, patientId: dto.patientId });
    });
  }

  /** Attendance of a session, for the caller's patients only. */
  async list(user: AuthUser, sessionId: string): Promise<SessionAttendance[]> {
    const session = await this.dataSource.manager.findOneBy(Session, { id: sessionId });
    if (!session) throw new NotFound('Session');
    const rows = (await this.dataSource.query(
      `SELECT a.patient_id::text FROM session_attendance a
       WHERE a.session_id = $1 AND ${PatientAccessService.scopeSql('a.patient_id', '$2::uuid')}
       ORDER BY a.patient_id`,
      [sessionId, user.id],
    )) as { patient_id: string }[];
    const result: SessionAttendance[] = [];
    const accesses = await this.access.requireMany(user, rows.map((r) => r.patient_id), 'sessions.read');
    await this.access.recordAll(accesses, 'attendance.read', 'session', sessionId);
    for (const { patientId } of accesses) {
      result.push(await this.dataSource.manager.findOneByOrFail(SessionAttendance, { sessionId, patientId }));
    }
    return result;
  }

  private minutes(dto: RecordAttendanceDto, session: Session): number | null {
    const duration = Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);
    const given = dto.minutesAttended;
    const needsMinutes: AttendanceStatus[] = ['late', 'left_early'];
    if (needsMinutes.includes(dto.status) && given === undefined) {
      throw new ValidationFailed([{ field: 'minutesAttended', message: `is required when status is ${dto.status}` }]);
    }
    if ((dto.status === 'no_show' || dto.status === 'cancelled') && given !== undefined) {
      throw new ValidationFailed([{ field: 'minutesAttended', message: `must be omitted when status is ${dto.status}` }]);
    }
    if (given !== undefined && given > duration) {
      throw new ValidationFailed([
        { field: 'minutesAttended', message: `must be at most the session's duration (${duration} minutes)` },
      ]);
    }
    return given ?? null;
  }

  /** Raises one engagement alert per run of consecutive no-shows reaching the threshold (none once discharged: no one to re-engage). */
  private async checkNoShowStreak(m: EntityManager, patientId: string, sessionId: string): Promise<void> {
    const { consecutiveNoShows } = await this.settings.get(NO_SHOW_ALERT, m);
    const rows = (await m.query(
      `SELECT s.id::text AS session_id, a.status FROM session_attendance a
       JOIN sessions s ON s.id = a.session_id
       JOIN patients p ON p.id = a.patient_id AND p.phase <> 'discharged'
       WHERE a.patient_id = $1 AND s.status = 'scheduled' AND a.status <> 'cancelled'
       ORDER BY s.starts_at, s.id`,
      [patientId],
    )) as { session_id: string; status: AttendanceStatus }[];
    const ordered = rows.map((r) => ({ occasionId: r.session_id, missed: r.status === 'no_show' }));
    const streak = missedStreak(ordered, sessionId, consecutiveNoShows);
    if (!streak) return;
    await this.alerts.raise(m, { ...engagementAlert('sessions', patientId, streak, consecutiveNoShows), readingId: sessionId });
  }
}
