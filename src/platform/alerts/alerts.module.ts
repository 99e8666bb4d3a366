import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatientsModule } from '../../patients/patients.module';
import { AlertEscalationJob } from './alert-escalation.job';
import { AlertPatient } from './alert-patient.resolver';
import { AlertStreamService } from './alert-stream.service';
import { AlertSubscriptions } from './alert-subscription.service';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { Alert } from './entities/alert.entity';

/** The shared alert model: any clinical module raises alerts through AlertsService; open ones escalate. */
@Module({
  imports: [TypeOrmModule.forFeature([Alert]), PatientsModule],
  controllers: [AlertsController],
  providers: [AlertsService, AlertStreamService, AlertSubscriptions, AlertPatient, AlertEscalationJob],
  exports: [AlertsService],
})
export class AlertsModule {}
