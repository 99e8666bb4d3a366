import { Module, type OnModuleInit } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module';
import { SettingsService } from '../platform/settings/settings.service';
import { DisclosureRecorder } from './disclosures/disclosure-recorder.service';
import { PatientAccountingController } from './disclosures/patient-accounting.controller';
import { PatientAccountingService } from './disclosures/patient-accounting.service';
import { ReportRunner } from './report-runner.service';
import { ReportingDatabase } from './reporting-database.service';
import { ReportsController } from './reports.controller';
import { SMALL_CELL } from './reports-settings';
import { ProgramSummaryService } from './summary/program-summary.service';

/** Program reports for admins; reads other features' data only through the `reporting` views. */
@Module({
  imports: [PatientsModule],
  controllers: [ReportsController, PatientAccountingController],
  providers: [ReportingDatabase, ReportRunner, DisclosureRecorder, ProgramSummaryService, PatientAccountingService],
  exports: [ReportRunner, ProgramSummaryService],
})
export class ReportsModule implements OnModuleInit {
  constructor(private readonly settings: SettingsService) {}

  onModuleInit(): void {
    this.settings.define(SMALL_CELL);
  }
}
