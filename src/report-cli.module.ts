import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { PlatformModule } from './platform/platform.module';
import { ReportsModule } from './reports/reports.module';

/** Just what `npm run report` needs: configuration, the database, the shared kernel and the reports. */
@Module({})
export class ReportCliModule {
  static forRoot(options: { config: AppConfig; databaseUrl: string }): DynamicModule {
    return {
      module: ReportCliModule,
      imports: [ConfigModule.forRoot(options.config), DatabaseModule.forRoot(options.databaseUrl), PlatformModule, ReportsModule],
    };
  }
}
