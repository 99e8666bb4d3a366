import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { DomainError } from '../../common/problem/domain-error';
import { currentRequest } from '../../common/http/request-context';
import { SettingsService } from '../../platform/settings/settings.service';
import { User } from '../users/entities/user.entity';
import { LOGIN_LOCKOUT, LOGIN_RATE_LIMIT } from './auth-settings';
import { verifyDecoy, verifyPassword } from '../users/password-hasher';
import { RefreshToken } from './refresh-token.entity';
import { hashRefreshToken, type TokenPair, TokenService } from './token.service';

// One answer for unknown email, wrong password and locked account, so the
// response never tells which accounts exist.
const REFUSED = () => new DomainError('invalid_credentials', 'The email or password is incorrect, or the account is locked.');
const BAD_REFRESH = () => new DomainError('unauthenticated', 'The refresh token is invalid, expired or revoked.');

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  async login(email: string, password: string): Promise<TokenPair> {
    await this.enforceRateLimit();
    const user = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    if (!user || !user.active) {
      await verifyDecoy(password);
      await this.audit.record({
        actor: null, action: 'auth.login', resourceType: 'session', outcome: 'failure',
        details: { reason: user ? 'inactive' : 'unknown_account' },
      });
      throw REFUSED();
    }
    const actor = { id: user.id, role: user.role };
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await this.audit.record({
        actor, action: 'auth.login', resourceType: 'session', outcome: 'denied', details: { reason: 'locked' },
      });
      throw REFUSED();
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.recordFailure(user);
      throw REFUSED();
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { failedLoginCount: 0, lockedUntil: null });
      const pair = await this.tokens.issue(user, manager);
      await this.audit.record({ actor, action: 'auth.login', resourceType: 'session' }, manager);
      return strip(pair);
    });
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await this.lockToken(manager, refreshToken);
      if (!token) return BAD_REFRESH();
      if (token.revokedAt) {
        // A rotated or revoked token presented again: assume it was stolen and end the whole family.
        await manager
          .createQueryBuilder()
          .update(RefreshToken)
          .set({ revokedAt: () => 'now()' })
          .where('family_id = :family AND revoked_at IS NULL', { family: token.familyId })
          .execute();
        await this.audit.record(
          { actor: { id: token.userId, role: null }, action: 'auth.refresh-reuse', resourceType: 'session',
            outcome: 'denied', details: { familyId: token.familyId } },
          manager,
        );
        return BAD_REFRESH();
      }
      const user = await manager.findOne(User, { where: { id: token.userId } });
      if (!user || !user.active || token.expiresAt <= new Date()) return BAD_REFRESH();
      const pair = await this.tokens.issue(user, manager, token.familyId);
      await manager.update(RefreshToken, { id: token.id }, { revokedAt: new Date(), replacedBy: pair.id });
      await this.audit.record({ actor: { id: user.id, role: user.role }, action: 'auth.refresh', resourceType: 'session' }, manager);
      return strip(pair);
    });
    if (outcome instanceof DomainError) throw outcome;
    return outcome;
  }

  async logout(refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const token = await this.lockToken(manager, refreshToken);
      if (!token) throw BAD_REFRESH();
      await manager
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ revokedAt: () => 'now()' })
        .where('family_id = :family AND revoked_at IS NULL', { family: token.familyId })
        .execute();
      await this.audit.record({ actor: { id: token.userId, role: null }, action: 'auth.logout', resourceType: 'session' }, manager);
    });
  }

  private lockToken(manager: EntityManager, refreshToken: string): Promise<RefreshToken | null> {
    return manager
      .createQueryBuilder(RefreshToken, 't')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: hashRefreshToken(refreshToken) })
      .getOne();
  }

  private async recordFailure(user: User): Promise<void> {
    const lockout = await this.settings.get(LOGIN_LOCKOUT);
    await this.dataSource.transaction(async (manager) => {
      const result = (await manager.query(
        `UPDATE users SET failed_login_count = failed_login_count + 1,
           locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) END
         WHERE id = $1 RETURNING failed_login_count, locked_until`,
        [user.id, lockout.maxFailures, lockout.lockMinutes],
      )) as [{ failed_login_count: number; locked_until: Date | null }[], number];
      const row = result[0][0];
      const actor = { id: user.id, role: user.role };
      await this.audit.record(
        { actor, action: 'auth.login', resourceType: 'session', outcome: 'failure', details: { reason: 'wrong_password' } },
        manager,
      );
      if (row?.locked_until) {
        await this.audit.record(
          { actor, action: 'auth.lockout', resourceType: 'user', resourceId: user.id, outcome: 'denied',
            details: { failedAttempts: row.failed_login_count, lockedUntil: row.locked_until } },
          manager,
        );
      }
    });
  }

  private async enforceRateLimit(): Promise<void> {
    const clientAddress = currentRequest()?.clientAddress;
    if (!clientAddress) return;
    const { attemptsPerMinute } = await this.settings.get(LOGIN_RATE_LIMIT);
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_events
       WHERE action = 'auth.login' AND client_address = $1 AND occurred_at > now() - interval '1 minute'`,
      [clientAddress],
    )) as [{ count: number }];
    if (count >= attemptsPerMinute) {
      throw new DomainError('rate_limited', 'Too many login attempts from this address; wait a minute and try again.');
    }
  }
}

function strip({ accessToken, refreshToken, expiresIn, tokenType }: TokenPair & { id: string }): TokenPair {
  return { accessToken, refreshToken, expiresIn, tokenType };
}
