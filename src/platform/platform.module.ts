import { Global, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { JobsModule } from './jobs/jobs.module';
import { SettingsModule } from './settings/settings.module';

/**
 * The shared kernel, global on purpose and the only global module: every
 * module may inject AuditService, SettingsService and JobRunner without
 * importing them. Alerts are not part of it: modules that raise or read
 * alerts import AlertsModule explicitly.
 */
@Global()
@Module({
  imports: [SettingsModule, AuditModule, JobsModule, IdempotencyModule],
  exports: [SettingsModule, AuditModule, JobsModule],
})
export class PlatformModule {}
