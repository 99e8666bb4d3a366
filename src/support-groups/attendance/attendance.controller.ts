import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { GroupAttendanceService } from './attendance.service';
import { GroupAttendanceResponse, RecordGroupAttendanceDto } from './dto/attendance.dto';

@ApiTags('groups')
@Controller('support-groups/:id/meetings/:meetingId/attendance')
export class GroupAttendanceController {
  constructor(private readonly attendance: GroupAttendanceService) {}

  @Post()
  @RequirePermission('support-groups.attendance', {
    summary: "Record (or correct) a member's attendance at a meeting: present, late, absent or excused",
    description:
      'Members only, once the meeting has started, never for a cancelled meeting. The group\'s facilitators record ' +
      'for every member; others for their care-team patients. Consecutive absences (setting ' +
      '`support-groups.absence-alert`, default 2) raise the engagement alert for the case manager, the same rule as ' +
      'session no-shows.',
  })
  record(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() body: RecordGroupAttendanceDto,
  ): Promise<GroupAttendanceResponse> {
    return this.attendance.record(user, id, meetingId, body);
  }

  @Get()
  @RequirePermission('support-groups.attendance', {
    summary: "A meeting's attendance: all of it for facilitators, otherwise the caller's patients only",
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
  ): Promise<GroupAttendanceResponse[]> {
    return this.attendance.list(user, id, meetingId);
  }
}
