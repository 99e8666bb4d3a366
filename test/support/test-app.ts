import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { hashPassword } from '../../src/identity/users/password-hasher';
import type { Role } from '../../src/common/auth/roles';
import { loadConfig } from '../../src/config/app-config';
import { Drain } from '../../src/common/http/drain';
import { configureHttp, initHttp } from '../../src/http-app';
import { DatabaseListener } from '../../src/platform/notifications/database-listener.service';
import { createTestDatabase, dropTestDatabase } from './database';
import { removeTempDirs, tempDir } from './temp-dir';

export const TEST_PASSWORD = 'correct-horse-battery-staple';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  token: string;
}

type Call = ReturnType<ReturnType<typeof request>['get']>;

/** Requests authenticated as one user; a body, when given, is sent as JSON. */
export interface AsUser {
  get(url: string): Call;
  delete(url: string): Call;
  post(url: string, body?: object): Call;
  put(url: string, body?: object): Call;
  patch(url: string, body?: object, ifMatch?: string): Call;
}

export interface TestApp {
  app: NestExpressApplication;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  as(user: TestUser): AsUser;
  createUser(role: Role, overrides?: { email?: string; displayName?: string }): Promise<TestUser>;
  tokenFor(user: { id: string; role: Role }, epoch?: number): Promise<string>;
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
  /** Waits until this instance has handled every NOTIFY committed so far (cached users and settings). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boots the whole application on this test file's own copy of the migrated
 * template database, exactly as the server is configured; with `sameDatabaseAs`,
 * a second instance on another app's database (closing it keeps the database).
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await bootApp(database.url, env);
  return wrap(app, async () => {
    await dropTestDatabase(database.name);
    removeTempDirs();
  });
}

/**
 * A second application instance on the same database as `first` (its own
 * pool, listeners and job runner), as behind a load balancer.
 */
export function createSecondInstance(first: TestApp, env: Record<string, string> = {}): Promise<TestApp> {
  return createTestAppOn((first.db.options as { url: string }).url, env);
}

/** The application on a database the test manages itself (already migrated); closing leaves the database. */
export async function createTestAppOn(databaseUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
  return wrap(await bootApp(databaseUrl, env), async () => undefined);
}

async function bootApp(databaseUrl: string, env: Record<string, string>): Promise<NestExpressApplication> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: tempDir('app-'),
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    // The report tests run many exports a minute as one user; the export limit itself is tested in hostile-callers.
    EXPORT_RATE_LIMIT_PER_MINUTE: '10000',
    ...env,
  });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl }),
    { bodyParser: false, logger: false },
  );
  configureHttp(app);
  await initHttp(app);
  return app;
}

function wrap(app: NestExpressApplication, release: () => Promise<void>): TestApp {
  const db = app.get(DataSource);
  const jwt = app.get(JwtService);

  const tokenFor = (user: { id: string; role: Role }, epoch = 1) =>
    jwt.signAsync({ sub: user.id, role: user.role, epoch }, { expiresIn: 900 });

  const http = () => request(app.getHttpServer());
  const authed = (call: Call, user: TestUser, body?: object) => {
    const req = call.auth(user.token, { type: 'bearer' });
    return body === undefined ? req : req.send(body);
  };

  return {
    app,
    db,
    http,
    as: (user) => ({
      get: (url) => authed(http().get(url), user),
      delete: (url) => authed(http().delete(url), user),
      post: (url, body) => authed(http().post(url), user, body),
      put: (url, body) => authed(http().put(url), user, body),
      patch: (url, body, ifMatch) => authed(ifMatch ? http().patch(url).set('If-Match', ifMatch) : http().patch(url), user, body),
    }),
    tokenFor,
    async createUser(role, overrides = {}) {
      passwordHash ??= hashPassword(TEST_PASSWORD);
      const email = overrides.email ?? `${role}-${randomUUID().slice(0, 8)}@example.org`;
      const [row] = (await db.query(
        `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [email, overrides.displayName ?? `Test ${role}`, role, await passwordHash],
      )) as { id: string }[];
      const id = (row as { id: string }).id;
      return { id, email, role, token: await tokenFor({ id, role }) };
    },
    async count(table, where = 'true', params = []) {
      const [row] = (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)) as { n: number }[];
      return row?.n ?? 0;
    },
    settled: () => app.get(DatabaseListener).settled(),
    async close() {
      // A test that shut the application down through the drain has closed it already.
      if (!app.get(Drain).active) await app.close();
      await release();
    },
  };
}
