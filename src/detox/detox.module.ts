import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatientPhaseService } from '../patients/patient-phase.service';
import { PatientsModule } from '../patients/patients.module';
import { SettingsService } from '../settings/settings.service';
import { DetoxAlertsService } from './detox-alerts.service';
import { DetoxChartController } from './detox-chart.controller';
import { DetoxChartService } from './detox-chart.service';
import { DETOX_EPISODE_ENDED_GATE } from './detox-episode-gate';
import { DETOX_SETTINGS } from './detox-settings';
import { DetoxEpisode } from './entities/detox-episode.entity';
import { MedicationAdministration } from './entities/medication-administration.entity';
import { MedicationOrder } from './entities/medication-order.entity';
import { ScheduledDose } from './entities/scheduled-dose.entity';
import { VitalSignsReading } from './entities/vital-signs-reading.entity';
import { WithdrawalAssessment } from './entities/withdrawal-assessment.entity';
import { EpisodesController } from './episodes.controller';
import { EpisodesService } from './episodes.service';
import { IdempotencyPurgeJob } from './idempotency-purge.job';
import { MedicationAdministrationsController } from './medication-administrations.controller';
import { MedicationAdministrationsService } from './medication-administrations.service';
import { MedicationOrdersController } from './medication-orders.controller';
import { MedicationOrdersService } from './medication-orders.service';
import { MissedDosesJob } from './missed-doses.job';
import { ReassessmentOverdueJob } from './reassessment-overdue.job';
import { ReassessmentsController } from './reassessments.controller';
import { ReassessmentsService } from './reassessments.service';
import { VitalsController } from './vitals.controller';
import { VitalsService } from './vitals.service';
import { WithdrawalScalesController } from './withdrawal-scales.controller';
import { WithdrawalAssessmentsController } from './withdrawal-assessments.controller';
import { WithdrawalAssessmentsService } from './withdrawal-assessments.service';

/**
 * Detox monitoring: episodes, vital signs with NEWS2, withdrawal scales with
 * reassessment timing, alerts, medication orders and administrations under a
 * rolling 24-hour maximum, and the jobs for overdue reassessments and missed
 * tapered doses. The alert thresholds are the `alert-rules` setting, served by
 * the generic /api/v1/settings/{key} routes.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      DetoxEpisode, VitalSignsReading, WithdrawalAssessment, MedicationOrder, ScheduledDose, MedicationAdministration,
    ]),
    PatientsModule,
  ],
  controllers: [
    EpisodesController, VitalsController, DetoxChartController, WithdrawalAssessmentsController,
    ReassessmentsController, MedicationOrdersController, MedicationAdministrationsController,
    WithdrawalScalesController,
  ],
  providers: [
    DetoxAlertsService, EpisodesService, VitalsService, DetoxChartService, WithdrawalAssessmentsService,
    ReassessmentsService, MedicationOrdersService, MedicationAdministrationsService, ReassessmentOverdueJob,
    MissedDosesJob, IdempotencyPurgeJob,
  ],
})
export class DetoxModule implements OnModuleInit {
  constructor(
    private readonly settings: SettingsService,
    private readonly phases: PatientPhaseService,
  ) {}

  onModuleInit(): void {
    for (const definition of DETOX_SETTINGS) this.settings.define(definition);
    this.phases.registerGate(DETOX_EPISODE_ENDED_GATE);
  }
}
