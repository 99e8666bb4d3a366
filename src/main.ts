import 'reflect-metadata';
import type { Server } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { loadEnvFile } from './config/env-file';
import { runMigrations } from './database/migrate';
import { openDatabase } from './database/open-database';
import { gracefulShutdown } from './common/http/graceful-shutdown';
import { configureHttp, initHttp } from './http-app';
import { describeListenAddress } from './startup/listen-address';
import { assertPortFree } from './startup/port-check';
import { StartupError } from './startup/startup-error';
import { ensureFirstAdmin } from './identity/users/first-admin';

async function bootstrap(): Promise<void> {
  loadEnvFile();
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL, base: { context: 'bootstrap' } });
  // Before anything is created (database, first admin), so a taken port costs nothing.
  await assertPortFree(config.PORT, config.HOST, 'PORT');
  const database = await openDatabase(config, { info: (m) => log.info(m), warn: (m) => log.warn(m) });
  const applied = await runMigrations(database.url);
  if (applied.length > 0) log.info({ migrations: applied }, 'applied migrations');

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl: database.url }),
    { bodyParser: false, bufferLogs: true },
  );
  app.useLogger(app.get(PinoLogger));
  configureHttp(app);
  await initHttp(app);
  const admin = await ensureFirstAdmin(app.get(DataSource), config);
  if (admin?.generatedPassword) {
    // Shown once, on the terminal only; it never goes into the JSON logs.
    process.stdout.write(
      `\nFirst admin account created: ${admin.email}\nGenerated password (shown once): ${admin.generatedPassword}\n\n`,
    );
  } else if (admin) {
    log.info('first admin account created from ADMIN_EMAIL');
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // Drains requests in flight, then runs the modules' shutdown hooks (listeners, timers, pool); the database stops last.
    const drained = await gracefulShutdown(app);
    if (!drained) log.warn('requests still in flight after the drain timeout were cut');
    await database.close();
    log.info(`stopped (${signal})`);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen(config.PORT, config.HOST);
  const address = describeListenAddress((app.getHttpServer() as Server).address());
  log.info(`listening on ${address} (API docs at /docs)`);
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const explained = error instanceof ConfigError || error instanceof StartupError;
  process.stderr.write(explained ? `${message}\n` : `Startup failed: ${message}\n`);
  process.exit(1);
});
