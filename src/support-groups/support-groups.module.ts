import { Module, OnModuleInit } from '@nestjs/common';
import { PatientPhaseService } from '../patients/patient-phase.service';
import { PatientsModule } from '../patients/patients.module';
import { AlertsModule } from '../platform/alerts/alerts.module';
import { SettingsService } from '../platform/settings/settings.service';
import { GroupAttendanceController } from './attendance/attendance.controller';
import { GroupAttendanceService } from './attendance/attendance.service';
import { CommunityMeetingsController } from './community-meetings/community-meetings.controller';
import { CommunityMeetingsService } from './community-meetings/community-meetings.service';
import { GroupsController } from './groups/groups.controller';
import { GroupQueries } from './groups/group-queries.service';
import { GroupsService } from './groups/groups.service';
import { GroupCalendarService } from './meetings/group-calendar.service';
import { MeetingGenerationJob } from './meetings/meeting-generation.job';
import { MeetingGenerator } from './meetings/meeting-generator.service';
import { MeetingsController } from './meetings/meetings.controller';
import { MeetingsService } from './meetings/meetings.service';
import { MemberPatient } from './membership/member-patient.resolver';
import { MembershipHistoryController } from './membership/membership-history.controller';
import { MembershipHistoryService } from './membership/membership-history.service';
import { MembershipController } from './membership/membership.controller';
import { MembershipService } from './membership/membership.service';
import { SeatAllocator } from './membership/seat-allocator.service';
import { SeatConflicts } from './membership/seat-conflicts.service';
import { SeatRelease } from './membership/seat-release.service';
import { SUPPORT_GROUP_SETTINGS } from './support-groups-settings';

/** Support groups: membership with a fair waitlist, meetings that book rooms and staff, attendance, self-reports. */
@Module({
  imports: [PatientsModule, AlertsModule],
  controllers: [
    GroupsController, MembershipController, MembershipHistoryController, MeetingsController, GroupAttendanceController,
    CommunityMeetingsController,
  ],
  providers: [
    GroupQueries, GroupsService, MembershipService, MembershipHistoryService, MemberPatient, SeatAllocator, MeetingGenerator, MeetingGenerationJob, MeetingsService,
    GroupCalendarService, GroupAttendanceService, CommunityMeetingsService, SeatRelease, SeatConflicts,
  ],
})
export class SupportGroupsModule implements OnModuleInit {
  constructor(
    private readonly settings: SettingsService,
    private readonly phases: PatientPhaseService,
    private readonly seatRelease: SeatRelease,
  ) {}

  onModuleInit(): void {
    for (const definition of SUPPORT_GROUP_SETTINGS) this.settings.define<unknown>(definition);
    this.phases.registerEffect(this.seatRelease);
  }
}
