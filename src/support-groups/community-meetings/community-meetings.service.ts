import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import type { PatientAccess } from '../../patients/access/patient-access';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import type {
  CommunityMeetingResponse, CreateCommunityMeetingDto, GroupAttendanceQuery, GroupAttendanceSummaryResponse,
} from './dto/community-meeting.dto';

const SELECT = `SELECT id::text, patient_id::text AS "patientId", to_char(occurred_on, 'YYYY-MM-DD') AS date, kind, name, place,
  true AS "selfReported", recorded_by::text AS "recordedBy", recorded_at AS "recordedAt" FROM community_meetings`;

/**
 * Self-reported outside meetings (AA, NA, SMART Recovery, other), kept apart
 * from verified attendance, and the weekly summary of both read from the
 * published view `patient_group_attendance`.
 */
@Injectable()
export class CommunityMeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly config: AppConfig,
  ) {}

  create(access: PatientAccess, dto: CreateCommunityMeetingDto): Promise<CommunityMeetingResponse> {
    const { user, patientId } = access;
    const today = DateTime.now().setZone(this.config.PROGRAM_TIMEZONE).toISODate() as string;
    if (dto.date > today) throw new ValidationFailed([{ field: 'date', message: 'must not be in the future' }]);
    return this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(
        `INSERT INTO community_meetings (patient_id, occurred_on, kind, name, place, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text`,
        [patientId, dto.date, dto.kind, dto.name ?? null, dto.place ?? null, user.id],
      )) as { id: string }[];
      const id = (row as { id: string }).id;
      await this.access.record(access, 'community-meeting.create', 'community_meeting', id, m, { kind: dto.kind });
      const [created] = (await m.query(`${SELECT} WHERE id = $1`, [id])) as CommunityMeetingResponse[];
      return created as CommunityMeetingResponse;
    });
  }

  list(access: PatientAccess): Promise<CommunityMeetingResponse[]> {
    const { patientId } = access;
    return this.dataSource.transaction(async (m) => {
      const rows = (await m.query(`${SELECT} WHERE patient_id = $1 ORDER BY occurred_on DESC, recorded_at DESC LIMIT 500`, [
        patientId,
      ])) as CommunityMeetingResponse[];
      await this.access.record(access, 'community-meeting.read', 'patient', patientId, m, { count: rows.length });
      return rows;
    });
  }

  /** Verified and self-reported attendance per program-zone week (weeks start on Monday). */
  summary(access: PatientAccess, q: GroupAttendanceQuery): Promise<GroupAttendanceSummaryResponse> {
    const { patientId } = access;
    const days = DateTime.fromISO(q.to).diff(DateTime.fromISO(q.from), 'days').days;
    if (days < 0) throw new ValidationFailed([{ field: 'to', message: 'must not be before from' }]);
    if (days > 366) throw new ValidationFailed([{ field: 'to', message: 'must be at most 366 days after from' }]);
    return this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT to_char(date_trunc('week', occurred_on)::date, 'YYYY-MM-DD') AS week_start,
           count(*) FILTER (WHERE NOT self_reported AND status = 'present')::int AS present,
           count(*) FILTER (WHERE NOT self_reported AND status = 'late')::int AS late,
           count(*) FILTER (WHERE NOT self_reported AND status = 'absent')::int AS absent,
           count(*) FILTER (WHERE NOT self_reported AND status = 'excused')::int AS excused,
           count(*) FILTER (WHERE self_reported)::int AS self_reported
         FROM patient_group_attendance
         WHERE patient_id = $1 AND occurred_on BETWEEN $2::date AND $3::date
         GROUP BY 1 ORDER BY 1`,
        [patientId, q.from, q.to],
      )) as { week_start: string; present: number; late: number; absent: number; excused: number; self_reported: number }[];
      await this.access.record(access, 'group-attendance.read', 'patient', patientId, m, { from: q.from, to: q.to });
      return {
        patientId, from: q.from, to: q.to, timeZone: this.config.PROGRAM_TIMEZONE, countsTowardIopHours: false,
        weeks: rows.map((r) => ({
          weekStart: r.week_start,
          verified: { present: r.present, late: r.late, absent: r.absent, excused: r.excused },
          selfReported: r.self_reported,
        })),
      };
    });
  }
}
