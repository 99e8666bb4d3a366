import { Module, OnModuleInit } from '@nestjs/common';
import { PatientPhaseService } from '../patients/patient-phase.service';
import { PatientsModule } from '../patients/patients.module';
import { AlertsModule } from '../platform/alerts/alerts.module';
import { SettingsService } from '../platform/settings/settings.service';
import { AFTERCARE_SETTINGS } from './aftercare-settings';
import { CheckInAlertsService } from './check-ins/check-in-alerts.service';
import { CheckInGroupAttendanceService } from './check-ins/check-in-group-attendance.service';
import { CheckInsController } from './check-ins/check-ins.controller';
import { CheckInsService } from './check-ins/check-ins.service';
import { FollowUpClosure } from './follow-ups/follow-up-closure.service';
import { FollowUpScheduler } from './follow-ups/follow-up-scheduler.service';
import { FollowUpsController } from './follow-ups/follow-ups.controller';
import { FollowUpsJob } from './follow-ups/follow-ups.job';
import { FollowUpsService } from './follow-ups/follow-ups.service';
import { aftercarePlanGate } from './plans/plan.gate';
import { PlanController } from './plans/plan.controller';
import { PlanService } from './plans/plan.service';
import { ReEntryController } from './re-entry/re-entry.controller';
import { reEntryDiagnosisGate } from './re-entry/re-entry.gate';
import { ReEntryService } from './re-entry/re-entry.service';
import { TimelineController } from './timeline/timeline.controller';
import { TimelineService } from './timeline/timeline.service';

/** Aftercare: the plan and its gate on the aftercare phase, follow-ups, check-ins, re-entry and the recovery timeline. */
@Module({
  imports: [PatientsModule, AlertsModule],
  controllers: [PlanController, FollowUpsController, CheckInsController, ReEntryController, TimelineController],
  providers: [
    PlanService, FollowUpScheduler, FollowUpsService, FollowUpsJob, CheckInsService, CheckInAlertsService,
    CheckInGroupAttendanceService, ReEntryService, TimelineService, FollowUpClosure,
  ],
})
export class AftercareModule implements OnModuleInit {
  constructor(
    private readonly phases: PatientPhaseService,
    private readonly settings: SettingsService,
    private readonly followUpClosure: FollowUpClosure,
  ) {}

  onModuleInit(): void {
    this.phases.registerGate(aftercarePlanGate);
    this.phases.registerGate(reEntryDiagnosisGate);
    this.phases.registerEffect(this.followUpClosure);
    for (const definition of AFTERCARE_SETTINGS) this.settings.define(definition);
  }
}
