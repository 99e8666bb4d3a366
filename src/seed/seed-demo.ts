import 'reflect-metadata';
import type { Server } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { loadEnvFile } from '../config/env-file';
import { runningEmbeddedPostgres } from '../database/embedded-postgres';
import { runMigrations } from '../database/migrate';
import { openDatabase } from '../database/open-database';
import { configureHttp, initHttp } from '../http-app';
import { DemoApi, type DemoClient } from './demo-api';
import { seedDemoAftercare } from './demo-aftercare';
import { seedDemoDetox } from './demo-detox';
import { seedDemoGroups } from './demo-groups';
import { DEMO_REFERRAL, seedDemoPatients } from './demo-patients';
import { seedDemoRooms } from './demo-rooms';
import { seedDemoSessions } from './demo-sessions';
import { DEMO_USERS, type DemoUserKey, seedDemoUsers } from './demo-users';

/**
 * `npm run seed:demo`: a small synthetic program through the application's own
 * API (started in this process on a loopback port), so every rule applies.
 * A second run adds nothing.
 */
async function seed(): Promise<void> {
  loadEnvFile();
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  // Reuse the server's embedded database when it is running; start it otherwise.
  const running = config.DATABASE_URL ? null : await runningEmbeddedPostgres(config.EMBEDDED_PG_PORT);
  const database = running ? { url: running, close: async () => undefined } : await openDatabase(config);
  await runMigrations(database.url);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl: database.url }),
    { bodyParser: false, logger: false },
  );
  try {
    configureHttp(app);
    await initHttp(app);
    await app.listen(0, '127.0.0.1');
    const address = (app.getHttpServer() as Server).address();
    const api = new DemoApi(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    const db = app.get(DataSource);

    const ids = await seedDemoUsers(db);
    const as = {} as Record<DemoUserKey, DemoClient>;
    for (const user of DEMO_USERS) as[user.key] = await api.login(user.email, user.password);
    const rooms = await seedDemoRooms(as.admin);
    const [existing] = (await db.query(`SELECT count(*)::int AS n FROM patients WHERE referral_source = $1`, [DEMO_REFERRAL])) as { n: number }[];
    if ((existing?.n ?? 0) === 0) {
      const patients = await seedDemoPatients(as, ids);
      const detox = patients.find((p) => p.patient.phase === 'detox');
      if (detox) await seedDemoDetox(as[detox.patient.clinician], detox.id);
      const sessions = await seedDemoSessions(as, ids, patients, rooms, config.PROGRAM_TIMEZONE);
      const groups = await seedDemoGroups(as, ids, patients, rooms, config.PROGRAM_TIMEZONE);
      const checkIns = await seedDemoAftercare(as, patients);
      process.stdout.write(
        `Added ${patients.length} demo patients, one open detox episode, ${sessions} sessions, ${groups.groups} support groups ` +
        `(${groups.waitlisted} patients on a waitlist) and ${checkIns} aftercare check-ins.\n`,
      );
    } else {
      process.stdout.write('The demo patients are already there; nothing added.\n');
    }
    process.stdout.write('Demo data ready (synthetic). Log in with:\n');
    for (const user of DEMO_USERS) process.stdout.write(`  ${user.role.padEnd(13)} ${user.email} / ${user.password}\n`);
  } finally {
    await app.close();
    await database.close();
  }
}

seed().catch((error: unknown) => {
  process.stderr.write(`Seeding failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
