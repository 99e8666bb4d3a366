import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/current-user.decorator';
import { RequirePermission } from '../common/auth/decorators';
import type { PatientAccess } from './access/patient-access';
import { Patient, PatientScoped } from './access/patient-scoped.decorator';
import { CareTeamService } from './care-team.service';
import {
  AddCareTeamMemberDto,
  CareTeamMemberResponse,
  EmergencyAccessDto,
  EmergencyAccessResponse,
} from './dto/care-team.dto';

@ApiTags('patients')
@Controller('patients/:id')
export class CareTeamController {
  constructor(private readonly careTeam: CareTeamService) {}

  @Get('care-team')
  @PatientScoped('id')
  @RequirePermission('care-team.read', { summary: "The patient's care team" })
  list(@Patient() access: PatientAccess): Promise<CareTeamMemberResponse[]> {
    return this.careTeam.list(access);
  }

  @Post('care-team')
  @PatientScoped('id')
  @RequirePermission('care-team.manage', { summary: 'Add a clinician or case manager to the care team' })
  add(
    @Patient() access: PatientAccess,
    @Body() body: AddCareTeamMemberDto,
  ): Promise<CareTeamMemberResponse[]> {
    return this.careTeam.add(access, body.userId);
  }

  @Delete('care-team/:userId')
  @HttpCode(204)
  @PatientScoped('id')
  @RequirePermission('care-team.manage', { summary: 'Remove a member from the care team' })
  async remove(
    @Patient() access: PatientAccess,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    await this.careTeam.remove(access, userId);
  }

  @Post('emergency-access')
  @RequirePermission('emergency-access.request', {
    summary: 'Break the glass: time-limited access for a clinician outside the care team',
    description: 'Needs a reason; lasts the configured hours (default 4); the grant and every use are flagged in the audit trail.',
  })
  emergencyAccess(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EmergencyAccessDto,
  ): Promise<EmergencyAccessResponse> {
    return this.careTeam.grantEmergencyAccess(user, id, body.reason);
  }
}
