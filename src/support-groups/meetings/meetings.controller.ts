import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { CancelMeetingDto, MeetingListResponse, MeetingQuery, MeetingResponse } from './dto/meeting.dto';
import { MeetingsService } from './meetings.service';

@ApiTags('support-groups')
@Controller('support-groups/:id/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @RequirePermission('support-groups.read', {
    summary: "A group's meetings, and occurrences skipped because the room or a facilitator was booked",
    description: 'Default range: 30 days back, 366 days on.',
  })
  list(@Param('id', ParseUUIDPipe) id: string, @Query() query: MeetingQuery): Promise<MeetingListResponse> {
    return this.meetings.list(id, query);
  }

  @Post(':meetingId/cancel')
  @RequirePermission('support-groups.manage', {
    summary: 'Cancel one meeting that has not started',
    description: 'Its room and facilitators are free at once; the schedule does not recreate it.',
  })
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() body: CancelMeetingDto,
  ): Promise<MeetingResponse> {
    return this.meetings.cancel(user, id, meetingId, body.reason);
  }
}
