import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { CommunityMeetingsService } from './community-meetings.service';
import {
  CommunityMeetingResponse, CreateCommunityMeetingDto, GroupAttendanceQuery, GroupAttendanceSummaryResponse,
} from './dto/community-meeting.dto';

@ApiTags('support-groups')
@Controller('patients/:id')
export class CommunityMeetingsController {
  constructor(private readonly community: CommunityMeetingsService) {}

  @Post('community-meetings')
  @RequirePermission('support-groups.self-reports', {
    summary: 'Record an outside community meeting the patient reports attending (AA, NA, SMART Recovery, other)',
    description: 'Kept apart from verified group attendance and marked selfReported everywhere. Care team only.',
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateCommunityMeetingDto,
  ): Promise<CommunityMeetingResponse> {
    return this.community.create(user, id, body);
  }

  @Get('community-meetings')
  @RequirePermission('support-groups.self-reports', { summary: "The patient's self-reported community meetings, latest first" })
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CommunityMeetingResponse[]> {
    return this.community.list(user, id);
  }

  @Get('group-attendance')
  @RequirePermission('support-groups.self-reports', {
    summary: 'Verified and self-reported group attendance per program-zone week',
    description: 'Weeks start on Monday. Support-group attendance does not count toward IOP hours.',
  })
  summary(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: GroupAttendanceQuery,
  ): Promise<GroupAttendanceSummaryResponse> {
    return this.community.summary(user, id, query);
  }
}
