import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from './password-hasher';
import type { AppConfig } from '../../config/app-config';
import { User } from './entities/user.entity';

export interface FirstAdmin {
  email: string;
  /** Set only when the password was generated and must be shown once. */
  generatedPassword?: string;
}

/**
 * On an empty database, creates the first admin from ADMIN_EMAIL and
 * ADMIN_PASSWORD, or with a generated password. Does nothing otherwise.
 */
export async function ensureFirstAdmin(dataSource: DataSource, config: AppConfig): Promise<FirstAdmin | null> {
  return dataSource.transaction(async (manager) => {
    // Serialise concurrent first starts of several instances.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('first-admin'))`);
    if ((await manager.count(User)) > 0) return null;
    const email = config.ADMIN_EMAIL ?? 'admin@example.org';
    const generatedPassword = config.ADMIN_PASSWORD ? undefined : randomBytes(12).toString('base64url');
    const password = config.ADMIN_PASSWORD ?? (generatedPassword as string);
    await manager.insert(User, {
      email,
      displayName: 'Program administrator',
      role: 'admin',
      passwordHash: await hashPassword(password),
    });
    return { email, ...(generatedPassword ? { generatedPassword } : {}) };
  });
}
