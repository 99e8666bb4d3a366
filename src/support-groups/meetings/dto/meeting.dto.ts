import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsInstant } from '../../../common/http/is-instant';
import { SkippedMeetingResponse } from '../../groups/dto/group.dto';
import { trim } from '../../../common/http/trim';

export class MeetingQuery {
  /** Default: 30 days ago. */
  @IsOptional() @IsInstant({ filter: true })
  from?: string;

  /** Default: 366 days after from; at most 731 days after from. */
  @IsOptional() @IsInstant({ filter: true })
  to?: string;
}

export class CancelMeetingDto {
  @Transform(trim) @IsString() @Length(1, 500)
  reason: string;
}

export class MeetingResponse {
  id: string;
  groupId: string;
  startsAt: Date;
  endsAt: Date;
  roomId: string | null;
  @ApiProperty({ enum: ['scheduled', 'cancelled'] })
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  facilitatorIds: string[];
  version: number;
}

export class MeetingListResponse {
  @ApiProperty({ type: [MeetingResponse] })
  items: MeetingResponse[];
  /** Occurrences of the schedule not created because the room or a facilitator was booked then. */
  @ApiProperty({ type: [SkippedMeetingResponse] })
  skipped: SkippedMeetingResponse[];
}
