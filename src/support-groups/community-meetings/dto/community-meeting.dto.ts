import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../../../common/http/is-calendar-date';
import { trim } from '../../../common/http/trim';

export const COMMUNITY_MEETING_KINDS = ['aa', 'na', 'smart_recovery', 'other'] as const;
export type CommunityMeetingKind = (typeof COMMUNITY_MEETING_KINDS)[number];

export class CreateCommunityMeetingDto {
  /** The local date the patient says they attended; not in the future. */
  @IsCalendarDate()
  date: string;

  @ApiProperty({ enum: COMMUNITY_MEETING_KINDS })
  @IsIn(COMMUNITY_MEETING_KINDS)
  kind: CommunityMeetingKind;

  @IsOptional() @Transform(trim) @IsString() @Length(1, 200)
  name?: string;

  @IsOptional() @Transform(trim) @IsString() @Length(1, 200)
  place?: string;
}

export class CommunityMeetingResponse {
  id: string;
  patientId: string;
  date: string;
  @ApiProperty({ enum: COMMUNITY_MEETING_KINDS })
  kind: CommunityMeetingKind;
  name: string | null;
  place: string | null;
  /** Always true: reported by the patient, not verified by the program. */
  selfReported: true;
  recordedBy: string;
  recordedAt: Date;
}

export class GroupAttendanceQuery {
  /** First local date (program zone), YYYY-MM-DD. */
  @IsCalendarDate()
  from: string;

  /** Last local date, inclusive, YYYY-MM-DD; at most 366 days after from. */
  @IsCalendarDate()
  to: string;
}

export class VerifiedCountsResponse {
  present: number;
  late: number;
  absent: number;
  excused: number;
}

export class AttendanceWeekResponse {
  /** Monday of the week, YYYY-MM-DD, program time zone. */
  weekStart: string;
  verified: VerifiedCountsResponse;
  /** Outside community meetings the patient reported; never verified. */
  selfReported: number;
}

export class GroupAttendanceSummaryResponse {
  patientId: string;
  from: string;
  to: string;
  timeZone: string;
  /** Support-group attendance does not count toward IOP hours. */
  countsTowardIopHours: false;
  @ApiProperty({ type: [AttendanceWeekResponse] })
  weeks: AttendanceWeekResponse[];
}
