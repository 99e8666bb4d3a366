import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatientPhaseService } from '../patients/patient-phase.service';
import { AlertsModule } from '../platform/alerts/alerts.module';
import { PatientsModule } from '../patients/patients.module';
import { SettingsService } from '../platform/settings/settings.service';
import { DiagnosesController } from './diagnoses.controller';
import { DiagnosesService } from './diagnoses.service';
import { diagnosisGate } from './diagnosis.gate';
import { levelOfCareGate } from './level-of-care.gate';
import { DIAGNOSIS_CONFIRMATION } from './diagnosis-settings';
import { Diagnosis } from './entities/diagnosis.entity';
import { LevelOfCareAssessment } from './entities/level-of-care-assessment.entity';
import { Screening } from './entities/screening.entity';
import { InstrumentsController } from './instruments.controller';
import { LevelOfCareController } from './level-of-care.controller';
import { LevelOfCareService } from './level-of-care.service';
import { ScreeningsController } from './screenings.controller';
import { ScreeningsService } from './screenings.service';

/** Screening instruments, DSM-5 diagnoses, ASAM level of care, and the gate on starting treatment. */
@Module({
  imports: [TypeOrmModule.forFeature([Screening, Diagnosis, LevelOfCareAssessment]), PatientsModule, AlertsModule],
  controllers: [InstrumentsController, ScreeningsController, DiagnosesController, LevelOfCareController],
  providers: [ScreeningsService, DiagnosesService, LevelOfCareService],
})
export class ScreeningModule implements OnModuleInit {
  constructor(
    private readonly phases: PatientPhaseService,
    private readonly settings: SettingsService,
  ) {}

  onModuleInit(): void {
    this.settings.define(DIAGNOSIS_CONFIRMATION);
    this.phases.registerGate(diagnosisGate);
    this.phases.registerGate(levelOfCareGate);
  }
}
