import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { runMigrations } from './database/migrate';
import { openDatabase } from './database/open-database';
import { configureHttp } from './http-app';
import { ensureFirstAdmin } from './users/first-admin';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const bootLogger = new Logger('Bootstrap');
  const applied = await runMigrations(database.url);
  if (applied.length > 0) bootLogger.log(`applied migrations: ${applied.join(', ')}`);

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl: database.url }),
    { bodyParser: false, bufferLogs: true },
  );
  app.useLogger(app.get(PinoLogger));
  configureHttp(app);
  app.get(DataSource); // fail fast if the connection could not be made
  const admin = await ensureFirstAdmin(app.get(DataSource), config);
  if (admin?.generatedPassword) {
    // Shown once, on the terminal only; it is never written to the JSON logs.
    process.stdout.write(
      `\nFirst admin account created: ${admin.email}\nGenerated password (shown once): ${admin.generatedPassword}\n\n`,
    );
  } else if (admin) {
    bootLogger.log(`first admin account created for ADMIN_EMAIL`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    bootLogger.log(`${signal} received, shutting down`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen(config.PORT);
  bootLogger.log(`listening on http://localhost:${config.PORT} (API docs at /docs)`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Startup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
