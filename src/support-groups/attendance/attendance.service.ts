import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AlertsService } from '../../platform/alerts/alerts.service';
import type { AuthUser } from '../../common/auth/auth-user';
import { engagementAlert, missedStreak } from '../../common/engagement/missed-attendance-streak';
import { DomainError, NotFound } from '../../common/problem/domain-error';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import { SettingsService } from '../../platform/settings/settings.service';
import { GroupQueries } from '../groups/group-queries.service';
import { ABSENCE_ALERT } from '../support-groups-settings';
import type { GroupAttendanceResponse, GroupAttendanceStatus, RecordGroupAttendanceDto } from './dto/attendance.dto';

interface AttendanceRow {
  meeting_id: string;
  patient_id: string;
  status: GroupAttendanceStatus;
  recorded_by: string;
  recorded_at: Date;
}

const toResponse = (r: AttendanceRow): GroupAttendanceResponse => ({
  meetingId: r.meeting_id, patientId: r.patient_id, status: r.status, recordedBy: r.recorded_by, recordedAt: r.recorded_at,
});

/**
 * Attendance per meeting. The group's facilitators record it for every member
 * without gaining access to members' other records; anyone else needs the
 * patient's care team. Consecutive absences raise the shared engagement alert.
 */
@Injectable()
export class GroupAttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly alerts: AlertsService,
    private readonly settings: SettingsService,
    private readonly groups: GroupQueries,
  ) {}

  record(user: AuthUser, groupId: string, meetingId: string, dto: RecordGroupAttendanceDto): Promise<GroupAttendanceResponse> {
    return this.dataSource.transaction(async (m) => {
      // The group's facilitators reach its members for this; anyone else needs the care team.
      const [access] = await this.access.requireMany(user, [dto.patientId], 'support-groups.attendance', m, {
        groupFacilitatorOf: groupId,
      });
      // Shared lock: a concurrent cancellation (which updates the meeting) waits, and vice versa.
      const [meeting] = (await m.query(
        `SELECT starts_at, ends_at, status FROM support_group_meetings WHERE id = $1 AND group_id = $2 FOR SHARE`,
        [meetingId, groupId],
      )) as { starts_at: Date; ends_at: Date; status: string }[];
      if (!meeting) throw new NotFound('Meeting');
      if (meeting.status !== 'scheduled') throw new DomainError('meeting_cancelled', 'The meeting was cancelled; there is no attendance to record.');
      if (meeting.starts_at.getTime() > Date.now()) {
        throw new DomainError('meeting_not_started', 'Attendance is recorded once the meeting has started.', { startsAt: meeting.starts_at });
      }
      const [member] = (await m.query(
        `SELECT 1 FROM support_group_memberships WHERE group_id = $1 AND patient_id = $2 AND seated_at IS NOT NULL
           AND seated_at < $4 AND (left_at IS NULL OR left_at > $3)`,
        [groupId, dto.patientId, meeting.starts_at, meeting.ends_at],
      )) as unknown[];
      if (!member) throw new DomainError('not_a_member', 'The patient was not a member of the group at this meeting.');

      // One patient's group attendance is recorded one request at a time, so two concurrent absences cannot both miss the streak.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('group-attendance:' || $1, 0))`, [dto.patientId]);
      const [previous] = (await m.query(
        `SELECT status FROM support_group_attendance WHERE meeting_id = $1 AND patient_id = $2`,
        [meetingId, dto.patientId],
      )) as { status: GroupAttendanceStatus }[];
      const [row] = (await m.query(
        `INSERT INTO support_group_attendance (meeting_id, patient_id, status, recorded_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (meeting_id, patient_id) DO UPDATE SET status = EXCLUDED.status, recorded_by = EXCLUDED.recorded_by,
           recorded_at = now()
         RETURNING meeting_id::text, patient_id::text, status, recorded_by::text, recorded_at`,
        [meetingId, dto.patientId, dto.status, user.id],
      )) as AttendanceRow[];
      await this.access.record(access as NonNullable<typeof access>, 'support-group-attendance.record', 'support_group_meeting', meetingId, m, {
        status: dto.status, ...(previous ? { previousStatus: previous.status } : {}),
      });
      if (dto.status === 'absent') await this.checkAbsenceStreak(m, groupId, dto.patientId, meetingId);
      return toResponse(row as AttendanceRow);
    });
  }

  /** A meeting's attendance: all of it for facilitators, otherwise the caller's patients only. */
  list(user: AuthUser, groupId: string, meetingId: string): Promise<GroupAttendanceResponse[]> {
    return this.dataSource.transaction(async (m) => {
      const [meeting] = (await m.query(`SELECT 1 FROM support_group_meetings WHERE id = $1 AND group_id = $2`, [
        meetingId,
        groupId,
      ])) as unknown[];
      if (!meeting) throw new NotFound('Meeting');
      const rows = (await m.query(
        `SELECT a.meeting_id::text, a.patient_id::text, a.status, a.recorded_by::text, a.recorded_at
         FROM support_group_attendance a WHERE a.meeting_id = $1 ORDER BY a.patient_id`,
        [meetingId],
      )) as AttendanceRow[];
      const ids = rows.map((r) => r.patient_id);
      const accesses = (await this.groups.facilitates(m, groupId, user.id))
        ? await this.access.requireMany(user, ids, 'support-groups.attendance', m, { groupFacilitatorOf: groupId })
        : await this.access.visible(user, ids, 'support-groups.attendance', m);
      await this.access.recordAll(accesses, 'support-group-attendance.read', 'support_group_meeting', meetingId, m);
      const visible = new Set(accesses.map((a) => a.patientId));
      return rows.filter((r) => visible.has(r.patient_id)).map(toResponse);
    });
  }

  /** The same engagement rule as session no-shows: one alert per run of consecutive absences from this group (none once discharged). */
  private async checkAbsenceStreak(m: EntityManager, groupId: string, patientId: string, meetingId: string): Promise<void> {
    const { consecutiveAbsences } = await this.settings.get(ABSENCE_ALERT, m);
    const rows = (await m.query(
      `SELECT mt.id::text AS meeting_id, a.status FROM support_group_attendance a
       JOIN support_group_meetings mt ON mt.id = a.meeting_id
       JOIN patients p ON p.id = a.patient_id AND p.phase <> 'discharged'
       WHERE a.patient_id = $1 AND mt.group_id = $2 AND mt.status = 'scheduled' AND a.status <> 'excused'
       ORDER BY mt.starts_at, mt.id`,
      [patientId, groupId],
    )) as { meeting_id: string; status: GroupAttendanceStatus }[];
    const ordered = rows.map((r) => ({ occasionId: r.meeting_id, missed: r.status === 'absent' }));
    const streak = missedStreak(ordered, meetingId, consecutiveAbsences);
    if (!streak) return;
    await this.alerts.raise(m, { ...engagementAlert('support-groups', patientId, streak, consecutiveAbsences), readingId: meetingId });
  }
}
