import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditSealJob } from './audit-seal.job';
import { AuditVerificationService } from './audit-verification.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditEvent } from './entities/audit-event.entity';
import { FailedRequestAuditInterceptor } from './failed-request-audit.interceptor';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  controllers: [AuditController],
  providers: [AuditService, AuditSealJob, AuditVerificationService, { provide: APP_INTERCEPTOR, useClass: FailedRequestAuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
