import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';

export const GROUP_ATTENDANCE_STATUSES = ['present', 'late', 'absent', 'excused'] as const;
export type GroupAttendanceStatus = (typeof GROUP_ATTENDANCE_STATUSES)[number];

export class RecordGroupAttendanceDto {
  @IsUUID()
  patientId: string;

  @ApiProperty({ enum: GROUP_ATTENDANCE_STATUSES })
  @IsIn(GROUP_ATTENDANCE_STATUSES)
  status: GroupAttendanceStatus;
}

export class GroupAttendanceResponse {
  meetingId: string;
  patientId: string;
  @ApiProperty({ enum: GROUP_ATTENDANCE_STATUSES })
  status: GroupAttendanceStatus;
  recordedBy: string;
  recordedAt: Date;
}
