import { Global, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { JobsModule } from './jobs/jobs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { SettingsModule } from './settings/settings.module';
import { SqlModule } from './sql/sql.module';

/**
 * The shared kernel, global on purpose and the only global module: every
 * module may inject AuditService, SettingsService, JobRunner and the
 * DatabaseListener (the instance's one LISTEN connection) and PreparedQueries without
 * importing them. Alerts are not part of it: modules that raise or read
 * alerts import AlertsModule explicitly.
 */
@Global()
@Module({
  imports: [NotificationsModule, SettingsModule, AuditModule, JobsModule, IdempotencyModule, SqlModule],
  exports: [NotificationsModule, SettingsModule, AuditModule, JobsModule, SqlModule],
})
export class PlatformModule {}
