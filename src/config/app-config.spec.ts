import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe('.data');
    expect(config.PROGRAM_TIMEZONE).toBe('America/New_York');
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names the variable that has a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ PROGRAM_TIMEZONE: 'Mars/Olympus' })).toThrow(/PROGRAM_TIMEZONE/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });

  it('refuses to start in production without a JWT secret or a database URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*DATABASE_URL/);
  });

  it('refuses to start in production without the report key secret, and a replica URL that is not postgres', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/REPORT_KEY_SECRET: required/);
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'mysql://x' })).toThrow(/DATABASE_REPLICA_URL/);
  });

  it('requires ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@example.org' })).toThrow(/ADMIN_EMAIL\/ADMIN_PASSWORD/);
  });
});
