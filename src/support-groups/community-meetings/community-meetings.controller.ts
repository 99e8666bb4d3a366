import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { CommunityMeetingsService } from './community-meetings.service';
import {
  CommunityMeetingResponse, CreateCommunityMeetingDto, GroupAttendanceQuery, GroupAttendanceSummaryResponse,
} from './dto/community-meeting.dto';

@ApiTags('groups')
@Controller('patients/:id')
export class CommunityMeetingsController {
  constructor(private readonly community: CommunityMeetingsService) {}

  @Post('community-meetings')
  @PatientScoped('id')
  @RequirePermission('support-groups.self-reports', {
    summary: 'Record an outside community meeting the patient reports attending (AA, NA, SMART Recovery, other)',
    description: 'Kept apart from verified group attendance and marked selfReported everywhere. Care team only.',
  })
  create(
    @Patient() access: PatientAccess,
    @Body() body: CreateCommunityMeetingDto,
  ): Promise<CommunityMeetingResponse> {
    return this.community.create(access, body);
  }

  @Get('community-meetings')
  @PatientScoped('id')
  @RequirePermission('support-groups.self-reports', { summary: "The patient's self-reported community meetings, latest first" })
  list(@Patient() access: PatientAccess): Promise<CommunityMeetingResponse[]> {
    return this.community.list(access);
  }

  @Get('group-attendance')
  @PatientScoped('id')
  @RequirePermission('support-groups.self-reports', {
    summary: 'Verified and self-reported group attendance per program-zone week',
    description: 'Weeks start on Monday. Support-group attendance does not count toward IOP hours.',
  })
  summary(
    @Patient() access: PatientAccess,
    @Query() query: GroupAttendanceQuery,
  ): Promise<GroupAttendanceSummaryResponse> {
    return this.community.summary(access, query);
  }
}
