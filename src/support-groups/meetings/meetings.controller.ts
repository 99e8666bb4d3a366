import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { CancelMeetingDto, MeetingListResponse, MeetingQuery, MeetingResponse } from './dto/meeting.dto';
import { GroupCalendarService } from './group-calendar.service';
import { MeetingsService } from './meetings.service';

@ApiTags('groups')
@Controller('support-groups/:id')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly calendar: GroupCalendarService,
  ) {}

  @Get('meetings')
  @RequirePermission('support-groups.read', {
    summary: "A group's meetings, and occurrences skipped because the room or a facilitator was booked",
    description: 'Default range: 30 days back, 366 days on.',
  })
  list(@Param('id', ParseUUIDPipe) id: string, @Query() query: MeetingQuery): Promise<MeetingListResponse> {
    return this.meetings.list(id, query);
  }

  @Post('meetings/:meetingId/cancel')
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

  @Get('calendar.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  @RequirePermission('support-groups.read', {
    summary: "A group's meetings as an iCalendar feed",
    description:
      'RFC 5545, one VEVENT per meeting (UID `<meetingId>@outpatient-program`), local times in the program zone, ' +
      'cancelled meetings as STATUS:CANCELLED, the room or video link as LOCATION; never a member. Default range: 30 ' +
      'days back, 366 days on.',
  })
  feed(@Param('id', ParseUUIDPipe) id: string, @Query() query: MeetingQuery): Promise<string> {
    return this.calendar.feed(id, query);
  }
}
