import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatientPhaseService } from '../patients/patient-phase.service';
import { AlertsModule } from '../platform/alerts/alerts.module';
import { PatientsModule } from '../patients/patients.module';
import { SettingsService } from '../platform/settings/settings.service';
import { DetoxAlertsService } from './alerting/detox-alerts.service';
import { PatternContextService } from './alerting/pattern-context.service';
import { DetoxChartController } from './chart/detox-chart.controller';
import { DetoxChartService } from './chart/detox-chart.service';
import { DETOX_EPISODE_ENDED_GATE } from './episodes/detox-episode.gate';
import { DETOX_SETTINGS } from './detox-settings';
import { DetoxEpisode } from './episodes/entities/detox-episode.entity';
import { MedicationAdministration } from './medication/entities/medication-administration.entity';
import { MedicationOrder } from './medication/entities/medication-order.entity';
import { ScheduledDose } from './medication/entities/scheduled-dose.entity';
import { Spo2ScalePrescription } from './vitals/entities/spo2-scale-prescription.entity';
import { VitalSignsReading } from './vitals/entities/vital-signs-reading.entity';
import { WithdrawalAssessment } from './withdrawal/entities/withdrawal-assessment.entity';
import { EpisodesController } from './episodes/episodes.controller';
import { EpisodesService } from './episodes/episodes.service';
import { MedicationAdministrationsController } from './medication/medication-administrations.controller';
import { MedicationAdministrationsService } from './medication/medication-administrations.service';
import { MedicationOrdersController } from './medication/medication-orders.controller';
import { OrderClosure } from './medication/order-closure.service';
import { MedicationOrdersService } from './medication/medication-orders.service';
import { MissedDosesJob } from './medication/missed-doses.job';
import { ObservationSignEntry } from './observations/entities/observation-sign.entity';
import { Observation } from './observations/entities/observation.entity';
import { ObservationsController } from './observations/observations.controller';
import { ObservationsService } from './observations/observations.service';
import { ReassessmentOverdueJob } from './withdrawal/reassessment-overdue.job';
import { ReassessmentsController } from './withdrawal/reassessments.controller';
import { ReassessmentsService } from './withdrawal/reassessments.service';
import { Spo2ScaleController } from './vitals/spo2-scale.controller';
import { Spo2ScaleService } from './vitals/spo2-scale.service';
import { VitalsController } from './vitals/vitals.controller';
import { VitalsService } from './vitals/vitals.service';
import { WithdrawalScalesController } from './withdrawal/withdrawal-scales.controller';
import { WithdrawalAssessmentsController } from './withdrawal/withdrawal-assessments.controller';
import { WithdrawalAssessmentsService } from './withdrawal/withdrawal-assessments.service';
import { WithdrawalSchedules } from './withdrawal/withdrawal-schedules.service';
import { DoseOmissionsController } from './medication/dose-omissions.controller';
import { DoseOmissionsService } from './medication/dose-omissions.service';
import { DrugsController } from './medication/drugs/drugs.controller';
import { DrugsService } from './medication/drugs/drugs.service';
import { Drug, DrugName } from './medication/drugs/entities/drug.entity';
import { DoseOmission } from './medication/entities/dose-omission.entity';
import { ClinicalStatusesController } from './medication/safety/clinical-statuses.controller';
import { ClinicalStatusesService } from './medication/safety/clinical-statuses.service';
import { ClinicalStatus } from './medication/safety/entities/clinical-status.entity';
import { MEDICATION_SAFETY } from './medication/safety/medication-safety-settings';
import { OrderChecksService } from './medication/safety/order-checks.service';
import { CombinedDailyDoseCheck } from './medication/safety/combined-daily-dose.service';
import { ScheduledDoseRecords } from './medication/scheduled-dose-records.service';

/**
 * Detox monitoring: episodes, vital signs with NEWS2, withdrawal scales with
 * reassessment timing, observed signs, alerts, medication orders and administrations under a
 * rolling 24-hour maximum, and the jobs for overdue reassessments and missed
 * tapered doses. The alert thresholds are the `alert-rules` setting, served by
 * the generic /api/v1/settings/{key} routes.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      DetoxEpisode, VitalSignsReading, WithdrawalAssessment, MedicationOrder, ScheduledDose, MedicationAdministration,
      Drug, DrugName, ClinicalStatus, DoseOmission, Observation, ObservationSignEntry, Spo2ScalePrescription,
    ]),
    PatientsModule,
    AlertsModule,
  ],
  controllers: [
    EpisodesController, VitalsController, DetoxChartController, WithdrawalAssessmentsController,
    ReassessmentsController, MedicationOrdersController, MedicationAdministrationsController, ObservationsController,
    Spo2ScaleController, WithdrawalScalesController, DrugsController, ClinicalStatusesController, DoseOmissionsController,
  ],
  providers: [
    DetoxAlertsService, EpisodesService, VitalsService, DetoxChartService, WithdrawalAssessmentsService, WithdrawalSchedules,
    ReassessmentsService, MedicationOrdersService, MedicationAdministrationsService, ReassessmentOverdueJob,
    MissedDosesJob, ObservationsService, Spo2ScaleService, PatternContextService, DrugsService, ClinicalStatusesService,
    OrderChecksService, CombinedDailyDoseCheck, DoseOmissionsService, OrderClosure, ScheduledDoseRecords,
  ],
})
export class DetoxModule implements OnModuleInit {
  constructor(
    private readonly settings: SettingsService,
    private readonly phases: PatientPhaseService,
    private readonly orderClosure: OrderClosure,
  ) {}

  onModuleInit(): void {
    for (const definition of [...DETOX_SETTINGS, MEDICATION_SAFETY]) this.settings.define(definition);
    this.phases.registerGate(DETOX_EPISODE_ENDED_GATE);
    this.phases.registerEffect(this.orderClosure);
  }
}
