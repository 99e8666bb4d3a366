import { integerFields, type SettingDefinition } from '../../platform/settings/setting-definition';

export const LOGIN_LOCKOUT: SettingDefinition<{ maxFailures: number; lockMinutes: number }> = {
  key: 'auth.lockout',
  description: 'Consecutive failed logins that lock an account, and for how many minutes.',
  defaultValue: { maxFailures: 5, lockMinutes: 15 },
  validate: integerFields({ maxFailures: [1, 100], lockMinutes: [1, 1440] }),
};

export const LOGIN_RATE_LIMIT: SettingDefinition<{ attemptsPerMinute: number }> = {
  key: 'auth.login-rate-limit',
  description: 'Login attempts accepted per client address per minute.',
  defaultValue: { attemptsPerMinute: 30 },
  validate: integerFields({ attemptsPerMinute: [1, 10000] }),
};

export const TOKEN_LIFETIMES: SettingDefinition<{ accessTokenMinutes: number; refreshTokenDays: number }> = {
  key: 'auth.token-lifetimes',
  description: 'Access token lifetime in minutes (automatic logoff) and refresh token lifetime in days.',
  defaultValue: { accessTokenMinutes: 15, refreshTokenDays: 7 },
  validate: integerFields({ accessTokenMinutes: [1, 60], refreshTokenDays: [1, 30] }),
};
