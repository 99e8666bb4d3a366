import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { AuthUser } from '../../common/auth/auth-user';
import { NotFound } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import type { CalendarQuery } from './dto/calendar.dto';
import { type CalendarEvent, renderICalendar } from '../../common/calendar/icalendar';
import { SESSION_KIND_LABELS, type SessionKind } from '../session-kinds';
import { boundedTimeRange, instantOf, withinFilterRange } from '../../common/http/time-range';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A subscribed calendar shows every session booked up to this many days ahead (18 months). */
export const CALENDAR_HORIZON_DAYS = 548;
const CALENDAR_HISTORY_DAYS = 90;
export const CALENDAR_UID_DOMAIN = 'outpatient-program';
const PRODUCER = { company: 'Outpatient Program', product: 'Sessions' };

interface EventRow {
  id: string;
  /** `support_group` for a meeting the clinician facilitates (view staff_meeting_events). */
  kind: SessionKind | 'support_group';
  starts_at: Date;
  ends_at: Date;
  room_name: string | null;
  cancelled: boolean;
  version: number;
  updated_at: Date;
}

/**
 * iCalendar feeds. Events name the kind of session and the room, never a
 * patient: a clinician's calendar on a phone must not disclose who they see.
 */
@Injectable()
export class CalendarsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async clinician(user: AuthUser, clinicianId: string, q: CalendarQuery): Promise<string> {
    const { from, to } = this.range(q);
    const [clinician] = (await this.dataSource.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'clinician'`, [
      clinicianId,
    ])) as unknown[];
    if (!clinician) throw new NotFound('Clinician');
    const rows = (await this.dataSource.query(
      `SELECT s.id::text, s.kind, s.starts_at, s.ends_at, r.name AS room_name, s.status = 'cancelled' AS cancelled,
              s.version, s.updated_at
       FROM session_clinicians b JOIN sessions s ON s.id = b.session_id LEFT JOIN rooms r ON r.id = s.room_id
       WHERE b.clinician_id = $1 AND s.ends_at > $2 AND s.starts_at < $3
       UNION ALL
       SELECT e.meeting_id::text, 'support_group', e.starts_at, e.ends_at, e.room_name, e.cancelled, e.version, e.updated_at
       FROM staff_meeting_events e WHERE e.user_id = $1 AND e.ends_at > $2 AND e.starts_at < $3
       ORDER BY starts_at, id`,
      [clinicianId, from, to],
    )) as EventRow[];
    await this.audit.record({
      actor: user, action: 'calendar.read', resourceType: 'clinician_calendar', resourceId: clinicianId,
      details: { sessionCount: rows.length },
    });
    return this.render('Sessions', rows);
  }

  /** A patient's sessions; a session the patient cancelled their place in shows as cancelled. */
  async patient(access: PatientAccess, q: CalendarQuery): Promise<string> {
    const { patientId } = access;
    const { from, to } = this.range(q);
    const rows = (await this.dataSource.query(
      `SELECT s.id::text, s.kind, s.starts_at, s.ends_at, r.name AS room_name,
              (s.status = 'cancelled' OR a.status = 'cancelled') AS cancelled, s.version, s.updated_at
       FROM session_patients b JOIN sessions s ON s.id = b.session_id LEFT JOIN rooms r ON r.id = s.room_id
       LEFT JOIN session_attendance a ON a.session_id = b.session_id AND a.patient_id = b.patient_id
       WHERE b.patient_id = $1 AND s.ends_at > $2 AND s.starts_at < $3
       ORDER BY s.starts_at, s.id`,
      [patientId, from, to],
    )) as EventRow[];
    await this.access.record(access, 'calendar.read', 'patient_calendar', patientId, undefined, { sessionCount: rows.length });
    return this.render('Treatment sessions', rows);
  }

  private range(q: CalendarQuery): { from: Date; to: Date } {
    const now = Date.now();
    const from = q.from ?? new Date(now - CALENDAR_HISTORY_DAYS * DAY_MS).toISOString();
    const horizonStart = q.from ? instantOf('from', q.from).getTime() : now;
    const to = q.to ?? withinFilterRange(horizonStart + CALENDAR_HORIZON_DAYS * DAY_MS).toISOString();
    return boundedTimeRange(from, to, 731);
  }

  private render(calendarName: string, rows: EventRow[]): string {
    const events: CalendarEvent[] = rows.map((r) => ({
      uid: `${r.id}@${CALENDAR_UID_DOMAIN}`,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      summary: r.kind === 'support_group' ? 'Support group meeting' : SESSION_KIND_LABELS[r.kind],
      ...(r.room_name ? { location: r.room_name } : {}),
      status: r.cancelled ? 'CANCELLED' : 'CONFIRMED',
      sequence: r.version - 1,
      lastModified: r.updated_at,
    }));
    return renderICalendar({ producer: PRODUCER, calendarName, timeZone: this.config.PROGRAM_TIMEZONE, events });
  }
}
