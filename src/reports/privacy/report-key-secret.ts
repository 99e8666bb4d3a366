import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The secret of the pseudonymous patient keys: REPORT_KEY_SECRET, or outside
 * production one generated once and kept in DATA_DIR beside the JWT secret,
 * so keys stay stable across restarts and reports.
 */
export function resolveReportKeySecret(config: { REPORT_KEY_SECRET?: string; DATA_DIR: string }): string {
  if (config.REPORT_KEY_SECRET) return config.REPORT_KEY_SECRET;
  const file = path.resolve(config.DATA_DIR, 'report-key-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
