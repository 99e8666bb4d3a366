import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import {
  AddFollowUpDto, CancelFollowUpDto, DueFollowUpsQuery, FollowUpPage, FollowUpResponse, MoveFollowUpDto,
} from './dto/follow-up.dto';
import { FollowUpsService } from './follow-ups.service';

@ApiTags('aftercare')
@Controller()
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get('patients/:id/follow-ups')
  @PatientScoped('id')
  @RequirePermission('aftercare.follow-ups-read', { summary: "The patient's follow-ups, by due date" })
  forPatient(@Patient() access: PatientAccess): Promise<FollowUpResponse[]> {
    return this.followUps.forPatient(access);
  }

  @Get('follow-ups')
  @RequirePermission('aftercare.follow-ups-read', {
    summary: "Due or overdue follow-ups of the caller's patients",
    description: 'due: from the due date through the grace period (setting aftercare.follow-ups, default 3 days); ' +
      'overdue: open after that. from/to filter the due date.',
  })
  mine(@CurrentUser() user: AuthUser, @Query() query: DueFollowUpsQuery): Promise<FollowUpPage> {
    return this.followUps.mine(user, query);
  }

  @Post('patients/:id/follow-ups')
  @PatientScoped('id')
  @RequirePermission('aftercare.follow-ups-manage', { summary: 'Add a follow-up outside the schedule, with a reason' })
  add(
    @Patient() access: PatientAccess,
    @Body() body: AddFollowUpDto,
  ): Promise<FollowUpResponse> {
    return this.followUps.add(access, body);
  }

  @Post('patients/:id/follow-ups/:followUpId/move')
  @PatientScoped('id')
  @RequirePermission('aftercare.follow-ups-manage', { summary: 'Move an open follow-up to another date, with a reason' })
  move(
    @Patient() access: PatientAccess,
    @Param('followUpId', ParseUUIDPipe) followUpId: string,
    @Body() body: MoveFollowUpDto,
  ): Promise<FollowUpResponse> {
    return this.followUps.move(access, followUpId, body);
  }

  @Post('patients/:id/follow-ups/:followUpId/cancel')
  @PatientScoped('id')
  @RequirePermission('aftercare.follow-ups-manage', { summary: 'Cancel an open follow-up, with a reason (it is kept)' })
  cancel(
    @Patient() access: PatientAccess,
    @Param('followUpId', ParseUUIDPipe) followUpId: string,
    @Body() body: CancelFollowUpDto,
  ): Promise<FollowUpResponse> {
    return this.followUps.cancel(access, followUpId, body);
  }
}
