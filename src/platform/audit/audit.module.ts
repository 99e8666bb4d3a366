import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditSealJob } from './audit-seal.job';
import { AuditVerificationService } from './audit-verification.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditTrailService } from './audit-trail.service';
import { AuditEvent } from './entities/audit-event.entity';
import { SqlModule } from '../sql/sql.module';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent]), SqlModule],
  controllers: [AuditController],
  providers: [AuditService, AuditTrailService, AuditSealJob, AuditVerificationService],
  exports: [AuditService],
})
export class AuditModule {}
