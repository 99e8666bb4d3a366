import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { runMigrations } from './database/migrate';
import { openDatabase } from './database/open-database';
import { gracefulShutdown } from './common/http/graceful-shutdown';
import { configureHttp, initHttp } from './http-app';
import { ensureFirstAdmin } from './identity/users/first-admin';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL, base: { context: 'bootstrap' } });
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
    log.info(`${signal} received, draining requests in flight`);
    const drained = await gracefulShutdown(app);
    if (!drained) log.warn('requests still in flight after the drain timeout were cut');
    await database.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen(config.PORT);
  log.info(`listening on http://localhost:${config.PORT} (API docs at /docs)`);
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(error instanceof ConfigError ? `${message}\n` : `Startup failed: ${message}\n`);
  process.exit(1);
});
