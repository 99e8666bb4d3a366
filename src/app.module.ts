import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { LoggerModule } from 'nestjs-pino';
import { AftercareModule } from './aftercare/aftercare.module';
import { AlertsModule } from './platform/alerts/alerts.module';
import { AuthModule } from './identity/auth/auth.module';
import { AuthenticationGuard } from './common/auth/authentication.guard';
import { PermissionGuard } from './common/auth/permission.guard';
import { Drain } from './common/http/drain';
import { KnownQueryInterceptor } from './common/http/known-query.interceptor';
import { PatchChangesInterceptor } from './common/http/patch-changes.interceptor';
import { RateLimitGuard } from './platform/rate-limit/rate-limit.guard';
import { ProblemFilter } from './common/problem/problem.filter';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DetoxModule } from './detox/detox.module';
import { loggerOptions } from './logging/logger-options';
import { HealthModule } from './health/health.module';
import { PatientAccessGuard } from './patients/access/patient-access.guard';
import { PatientsModule } from './patients/patients.module';
import { PlatformModule } from './platform/platform.module';
import { ReportsModule } from './reports/reports.module';
import { ScreeningModule } from './screening/screening.module';
import { SessionsModule } from './sessions/sessions.module';
import { SupportGroupsModule } from './support-groups/support-groups.module';
import { UsersModule } from './identity/users/users.module';

/** Wires the feature modules together; nothing else. */
@Module({})
export class AppModule {
  static forRoot(options: { config: AppConfig; databaseUrl: string }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggerModule.forRoot(loggerOptions(options.config)),
        DatabaseModule.forRoot(options.databaseUrl, options.config.DATABASE_POOL_SIZE),
        EventEmitterModule.forRoot(),
        PlatformModule,
        AuthModule,
        UsersModule,
        PatientsModule,
        AlertsModule,
        ScreeningModule,
        DetoxModule,
        SessionsModule,
        SupportGroupsModule,
        AftercareModule,
        ReportsModule,
        HealthModule,
      ],
      providers: [
        Drain,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: PermissionGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        // After the permission check: resolves access on @PatientScoped routes before the handler runs.
        { provide: APP_GUARD, useExisting: PatientAccessGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: KnownQueryInterceptor },
        { provide: APP_INTERCEPTOR, useClass: PatchChangesInterceptor },
      ],
    };
  }
}
