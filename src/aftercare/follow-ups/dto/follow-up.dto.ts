import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../../../common/http/is-calendar-date';
import { PageQuery } from '../../../common/http/pagination';
import type { FollowUpTiming } from '../../follow-up-state';
import { NotBlank } from '../../../common/http/not-blank';

export const FOLLOW_UP_STATUSES = ['open', 'completed', 'cancelled', 'opted_out', 're_engaged'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export class AddFollowUpDto {
  @ApiProperty({ example: '2026-04-15' })
  @IsCalendarDate()
  dueDate: string;

  @IsString() @Length(1, 500) @NotBlank()
  reason: string;
}

export class MoveFollowUpDto extends AddFollowUpDto {}

export class CancelFollowUpDto {
  @IsString() @Length(1, 500) @NotBlank()
  reason: string;
}

export class DueFollowUpsQuery extends PageQuery {
  /** due: open, from the due date through the grace period; overdue: open and past the grace period. */
  @ApiProperty({ enum: ['due', 'overdue'] })
  @IsIn(['due', 'overdue'])
  status: 'due' | 'overdue';

  /** Due on or after this date (YYYY-MM-DD). */
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate()
  from?: string;

  /** Due on or before this date (YYYY-MM-DD). */
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate()
  to?: string;
}

export class FollowUpResponse {
  id: string;
  patientId: string;
  dueDate: string;
  @ApiProperty({ enum: FOLLOW_UP_STATUSES })
  status: FollowUpStatus;
  /** For open follow-ups: upcoming, due (within the grace period) or overdue; null once closed. */
  @ApiProperty({ enum: ['upcoming', 'due', 'overdue'], nullable: true })
  timing: FollowUpTiming | null;
  /** Days after the aftercare start for scheduled follow-ups; null when added by hand. */
  offsetDays: number | null;
  checkInId: string | null;
  changeReason: string | null;
  closedAt: Date | null;
}

export class FollowUpPage {
  @ApiProperty({ type: [FollowUpResponse] })
  items: FollowUpResponse[];
  total: number;
  limit: number;
  offset: number;
}
