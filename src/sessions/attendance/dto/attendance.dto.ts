import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { SessionAttendance } from '../entities/session-attendance.entity';
import type { AttendanceStatus } from '../../iop/iop-weeks';

export const ATTENDANCE_STATUSES = ['attended', 'late', 'left_early', 'no_show', 'cancelled'] as const;

export class RecordAttendanceDto {
  @IsUUID()
  patientId: string;

  /** `cancelled` is the patient cancelling their own place (an excused absence). */
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;

  /**
   * Required for late and left_early; optional for attended (default: the whole session);
   * not allowed for no_show and cancelled. At most the session's duration.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(720)
  minutesAttended?: number;
}

export class AttendanceResponse {
  sessionId: string;
  patientId: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  status: AttendanceStatus;
  minutesAttended: number | null;
  recordedBy: string;
  recordedAt: Date;

  static of(a: SessionAttendance): AttendanceResponse {
    return Object.assign(new AttendanceResponse(), {
      sessionId: a.sessionId, patientId: a.patientId, status: a.status, minutesAttended: a.minutesAttended,
      recordedBy: a.recordedBy, recordedAt: a.recordedAt,
    });
  }
}
