import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, Patients, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { JoinGroupDto, LeaveGroupDto, MembersResponse, MembershipResponse } from './dto/membership.dto';
import { MemberPatient } from './member-patient.resolver';
import { MembershipService } from './membership.service';

@ApiTags('groups')
@Controller('support-groups/:id/members')
export class MembershipController {
  constructor(private readonly membership: MembershipService) {}

  @Post()
  @PatientScoped({ resolver: MemberPatient })
  @RequirePermission('support-groups.membership', {
    summary: 'Seat a patient, or put them on the first-come waitlist when the group is full',
    description:
      'Answers status member, or waitlisted with position (1 = next). Closed groups need a referral. Care team only ' +
      '(404 otherwise). 409 `slot_taken` naming each meeting and session when the patient is booked into sessions ' +
      "at the times of the group's meetings still ahead (a seat would double-book them); a waitlisted patient with " +
      'such sessions is passed over for a freed seat, keeps their place, and their case manager gets an alert.',
  })
  join(
    @Patients() accesses: readonly PatientAccess[],
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: JoinGroupDto,
  ): Promise<MembershipResponse> {
    return this.membership.join(accesses, id, body);
  }

  @Delete(':patientId')
  @HttpCode(204)
  @PatientScoped('patientId')
  @RequirePermission('support-groups.membership', {
    summary: 'A patient leaves the group or its waitlist (with a reason)',
    description:
      "A freed seat goes, in the same transaction, to the first patient waiting; that patient's case manager is alerted.",
  })
  async leave(
    @Patient() access: PatientAccess,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LeaveGroupDto,
  ): Promise<void> {
    await this.membership.leave(access, id, body.reason);
  }

  @Get()
  @RequirePermission('support-groups.read', {
    summary: 'Members and the waitlist in order',
    description:
      "The group's facilitators get the roster with names only; everyone sees full entries only for patients whose care " +
      'team they are on, and counts for the rest.',
  })
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<MembersResponse> {
    return this.membership.list(user, id);
  }
}
