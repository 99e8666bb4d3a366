import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/http/is-calendar-date';
import { PageQuery } from '../../../common/http/pagination';
import { GROUP_WEEKDAYS, type GroupWeekday } from '../group-schedule';
import { trim } from '../../../common/http/trim';

export const GROUP_KINDS = ['peer_12_step', 'smart_recovery', 'relapse_prevention', 'family', 'other'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export const ENROLLMENTS = ['open', 'closed'] as const;
export type Enrollment = (typeof ENROLLMENTS)[number];
export const GROUP_STATUSES = ['active', 'archived'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export class ScheduleDto {
  @ApiProperty({ enum: GROUP_WEEKDAYS, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @ArrayUnique() @IsIn(GROUP_WEEKDAYS, { each: true })
  weekdays: GroupWeekday[];

  /** Local start time in the program time zone, HH:mm. */
  @Matches(HH_MM, { message: 'startTime must be a time as HH:mm' })
  startTime: string;

  /** Local end time, HH:mm, later the same day. */
  @Matches(HH_MM, { message: 'endTime must be a time as HH:mm' })
  endTime: string;

  /** First local date meetings may fall on. On an edit, the date from which the new schedule applies. */
  @IsCalendarDate()
  firstDate: string;

  @IsOptional() @IsCalendarDate()
  lastDate?: string;
}

export class CreateGroupDto {
  @Transform(trim) @IsString() @Length(1, 120)
  name: string;

  @ApiProperty({ enum: GROUP_KINDS })
  @IsIn(GROUP_KINDS)
  kind: GroupKind;

  /** Active clinicians or case managers who run the group. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ArrayUnique() @IsUUID('all', { each: true })
  facilitatorIds: string[];

  @IsInt() @Min(1) @Max(200)
  capacity: number;

  @IsObject() @ValidateNested() @Type(() => ScheduleDto)
  schedule: ScheduleDto;

  /** A room (booked for every meeting) or a video link; exactly one. */
  @IsOptional() @IsUUID()
  roomId?: string;

  @IsOptional() @Matches(/^https:\/\/\S{1,490}$/, { message: 'videoUrl must be an https link' })
  videoUrl?: string;

  @ApiProperty({ enum: ENROLLMENTS, description: 'open: anyone may join; closed: by referral (join needs `referral`)' })
  @IsIn(ENROLLMENTS)
  enrollment: Enrollment;
}

export class UpdateGroupDto {
  @IsOptional() @Transform(trim) @IsString() @Length(1, 120)
  name?: string;

  @IsOptional() @ApiProperty({ enum: GROUP_KINDS }) @IsIn(GROUP_KINDS)
  kind?: GroupKind;

  /** Only the group's active facilitators change the list (403 otherwise): no one appoints themselves. */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ArrayUnique() @IsUUID('all', { each: true })
  facilitatorIds?: string[];

  /** Lowering below the current membership is refused (409); raising seats waiting patients in order. */
  @IsOptional() @IsInt() @Min(1) @Max(200)
  capacity?: number;

  /** The new schedule applies from schedule.firstDate on: later meetings not yet held are replaced. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ScheduleDto)
  schedule?: ScheduleDto;

  /** Move the group to a room (replaces a video link); applies to meetings not yet held. */
  @IsOptional() @IsUUID()
  roomId?: string;

  /** Move the group online (replaces the room); applies to meetings not yet held. */
  @IsOptional() @Matches(/^https:\/\/\S{1,490}$/, { message: 'videoUrl must be an https link' })
  videoUrl?: string;

  @IsOptional() @ApiProperty({ enum: ENROLLMENTS }) @IsIn(ENROLLMENTS)
  enrollment?: Enrollment;

  /** archived: no new members, meetings not yet held are cancelled; active again: meetings are generated again. */
  @IsOptional() @ApiProperty({ enum: GROUP_STATUSES }) @IsIn(GROUP_STATUSES)
  status?: GroupStatus;
}

export class ReassignFacilitatorsDto {
  /** Active clinicians or case managers who run the group from now on. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ArrayUnique() @IsUUID('all', { each: true })
  facilitatorIds: string[];
}

export class GroupQuery extends PageQuery {
  @IsOptional() @ApiProperty({ required: false, enum: GROUP_STATUSES }) @IsIn(GROUP_STATUSES)
  status?: GroupStatus;

  @IsOptional() @ApiProperty({ required: false, enum: GROUP_KINDS }) @IsIn(GROUP_KINDS)
  kind?: GroupKind;
}

export class ScheduleResponse {
  @ApiProperty({ enum: GROUP_WEEKDAYS, isArray: true })
  weekdays: GroupWeekday[];
  startTime: string;
  endTime: string;
  firstDate: string;
  lastDate: string | null;
  timeZone: string;
}

export class SkippedMeetingResponse {
  startsAt: Date;
  endsAt: Date;
  /** What holds the room or a facilitator at that time: `{ sessionId | meetingId, resource, resourceId }`. */
  conflicts: Record<string, string>[];
}

export class GroupResponse {
  id: string;
  name: string;
  @ApiProperty({ enum: GROUP_KINDS })
  kind: GroupKind;
  facilitatorIds: string[];
  capacity: number;
  memberCount: number;
  waitlistCount: number;
  schedule: ScheduleResponse;
  roomId: string | null;
  videoUrl: string | null;
  @ApiProperty({ enum: ENROLLMENTS })
  enrollment: Enrollment;
  @ApiProperty({ enum: GROUP_STATUSES })
  status: GroupStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class GroupChangeResponse extends GroupResponse {
  /** Occurrences not created because the room or a facilitator is booked then. */
  @ApiProperty({ type: [SkippedMeetingResponse] })
  skippedMeetings: SkippedMeetingResponse[];
}

export class GroupPage {
  @ApiProperty({ type: [GroupResponse] })
  items: GroupResponse[];
  total: number;
  limit: number;
  offset: number;
}
