import { TypeOrmModule } from '@nestjs/typeorm';
import { CareTeamMember } from './entities/care-team-member.entity';
import { Consent } from './entities/consent.entity';
import { EmergencyAccessGrant } from './entities/emergency-access-grant.entity';
import { PatientPhaseChange } from './entities/patient-phase-change.entity';
import { Patient } from './entities/patient.entity';
import { Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { SettingsService } from '../platform/settings/settings.service';
import { CareTeamController } from './care-team.controller';
import { CareTeamService } from './care-team.service';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';
import { PatientAccessGuard } from './access/patient-access.guard';
import { PatientAccessService } from './access/patient-access.service';
import { PatientTeamCache } from './access/patient-team-cache.service';
import { RefusedRequestAuditInterceptor } from './access/refused-request-audit.interceptor';
import { PatientPhaseService } from './patient-phase.service';
import { EmergencyAccessExpiryJob } from './emergency-access-expiry.job';
import { EMERGENCY_ACCESS } from './patient-settings';
import { PatientsController } from './patients.controller';
import { PatientsService } from './patients.service';

@Module({
  imports: [TypeOrmModule.forFeature([Patient, PatientPhaseChange, CareTeamMember, EmergencyAccessGrant, Consent])],
  controllers: [PatientsController, CareTeamController, ConsentsController],
  providers: [
    PatientsService, PatientPhaseService, CareTeamService, ConsentsService, PatientAccessService, PatientAccessGuard,
    PatientTeamCache,
    EmergencyAccessExpiryJob,
    { provide: APP_INTERCEPTOR, useClass: RefusedRequestAuditInterceptor },
  ],
  exports: [PatientAccessService, PatientAccessGuard, PatientPhaseService, PatientTeamCache],
})
export class PatientsModule implements OnModuleInit {
  constructor(private readonly settings: SettingsService) {}

  onModuleInit(): void {
    this.settings.define(EMERGENCY_ACCESS);
  }
}
