import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../../../common/http/is-instant';
import { PageQuery } from '../../../common/http/pagination';

export const TIMELINE_KINDS = [
  'phase_change', 'screening', 'diagnosis', 'detox_started', 'detox_ended', 'session_attended', 'session_missed',
  'session_note', 'group_meeting_verified', 'group_meeting_self_reported', 'check_in', 'drug_screen', 'alert_raised',
  'alert_acknowledged',
] as const;

export class TimelineQuery extends PageQuery {
  /** Start of the period (inclusive); default: the beginning. */
  @ApiPropertyOptional() @IsOptional() @IsInstant()
  from?: string;

  /** End of the period (exclusive); default: now. */
  @ApiPropertyOptional() @IsOptional() @IsInstant()
  to?: string;
}

export class TimelineEvent {
  at: Date;
  @ApiProperty({ enum: TIMELINE_KINDS })
  kind: string;
  /** One line; never a note body or item answers. */
  summary: string;
  /** The id of the record the event comes from (screening, session, check-in, alert, ...). */
  recordId: string;
  /** Content for roles allowed to see it (screening answers, note bodies for clinicians; check-in notes); else null. */
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  detail: Record<string, unknown> | null;
}

export class TimelinePage {
  @ApiProperty({ type: [TimelineEvent] })
  items: TimelineEvent[];
  total: number;
  limit: number;
  offset: number;
}
