import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { IANAZone } from 'luxon';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

/** Thrown at start when the environment is unusable; names the variable. */
export class ConfigError extends Error {}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/**
 * Every environment variable the application reads, validated once at start.
 * Nothing outside src/config reads process.env.
 */
export class AppConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Interface the HTTP server binds to: loopback unless told otherwise (0.0.0.0 in the container image). */
  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * Connections in the app's pool (the LISTEN connection comes on top).
   * PostgreSQL is fastest with few busy connections: about twice its cores
   * (bench/RESULTS.md); more only queue inside the server.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;
  /** A read replica for reports and exports; reports use DATABASE_URL (or the embedded server) when unset. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_REPLICA_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Secret of the reports' pseudonymous patient keys; kept like JWT_SECRET, never in the API or logs. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  REPORT_KEY_SECRET?: string;

  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(128)
  ADMIN_PASSWORD?: string;

  @IsString()
  PROGRAM_TIMEZONE = 'America/New_York';

  /** Writes (POST, PUT, PATCH, DELETE) one user may send per minute, per instance. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  WRITE_RATE_LIMIT_PER_MINUTE = 300;

  /** Exports one user may start per minute, per instance. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  EXPORT_RATE_LIMIT_PER_MINUTE = 10;

  /**
   * Browser origins allowed to call the API (comma-separated, e.g.
   * `https://clinic.example.org`). Empty: no cross-origin access at all.
   */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((origin) => origin.trim()).filter(Boolean) : value,
  )
  @Matches(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, { each: true, message: 'each origin must be like https://host[:port]' })
  CORS_ORIGINS: string[] = [];

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /**
   * Outside anchors for `npm run audit:verify`: logged audit checkpoints
   * (`auditAnchor`, `<seq>:<hash>`), comma-separated; `--anchor` adds more.
   */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((anchor) => anchor.trim()).filter(Boolean) : value,
  )
  @Matches(/^[1-9]\d{0,18}:[0-9a-f]{64}$/, { each: true, message: 'each anchor must be <seq>:<64 hex digits> as logged (auditAnchor)' })
  AUDIT_ANCHORS: string[] = [];

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

/** Validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'DATABASE_REPLICA_URL', 'JWT_SECRET', 'REPORT_KEY_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const problems = validateSync(config).map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  if (!IANAZone.isValidZone(config.PROGRAM_TIMEZONE)) {
    problems.push('PROGRAM_TIMEZONE: must be an IANA time zone such as America/New_York');
  }
  if (config.isProduction) {
    if (!config.JWT_SECRET) problems.push('JWT_SECRET: required when NODE_ENV=production');
    if (!config.DATABASE_URL) problems.push('DATABASE_URL: required when NODE_ENV=production');
    if (!config.REPORT_KEY_SECRET) problems.push('REPORT_KEY_SECRET: required when NODE_ENV=production');
  }
  if ((config.ADMIN_EMAIL === undefined) !== (config.ADMIN_PASSWORD === undefined)) {
    problems.push('ADMIN_EMAIL/ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}
