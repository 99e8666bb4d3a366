import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { DomainError } from '../../common/problem/domain-error';
import { KeyedSerialQueue } from '../../common/concurrency/keyed-serial-queue';
import { currentRequest } from '../../common/http/request-context';
import { SettingsService } from '../../platform/settings/settings.service';
import { User } from '../users/entities/user.entity';
import { TokenUsers } from '../users/token-users.service';
import { LOGIN_LOCKOUT, LOGIN_RATE_LIMIT } from './auth-settings';
import { verifyDecoy, verifyPassword } from '../users/password-hasher';
import { RefreshToken } from './refresh-token.entity';
import { hashRefreshToken, type TokenPair, TokenService } from './token.service';
import { TokenFamilies } from './token-families.service';

// One answer for unknown email, wrong password and locked account, so the
// response never tells which accounts exist.
const REFUSED = () => new DomainError('invalid_credentials', 'The email or password is incorrect, or the account is locked.');
const BAD_REFRESH = () => new DomainError('unauthenticated', 'The refresh token is invalid, expired or revoked.');

/** The refresh outcome when a rotated or revoked token came back: committed, then answered 401. */
class ReusedRefreshToken {
  constructor(readonly userId: string) {}
}

@Injectable()
export class AuthService {
  /** One password check at a time per account on this instance (see login). */
  private readonly attemptsByAccount = new KeyedSerialQueue();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly tokenUsers: TokenUsers,
    private readonly families: TokenFamilies,
  ) {}

  /**
   * An attempt is counted before its password is checked (reserveAttempt), so
   * parallel guesses cannot all slip past the lockout, on any instance: once
   * the allowance is used up, later attempts are refused without verifying the
   * password. Attempts on one account from this instance wait for each other,
   * so the right password typed in several tabs at once is never counted
   * against the allowance by the attempts still in flight beside it.
   */
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
    return this.attemptsByAccount.run(user.id, () => this.checkPassword(user, password));
  }

  private async checkPassword(user: User, password: string): Promise<TokenPair> {
    const actor = { id: user.id, role: user.role };
    const lockout = await this.settings.get(LOGIN_LOCKOUT);
    if (!(await this.reserveAttempt(user, lockout))) {
      await this.audit.record({
        actor, action: 'auth.login', resourceType: 'session', outcome: 'denied', details: { reason: 'locked' },
      });
      throw REFUSED();
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.recordFailure(user, lockout);
      throw REFUSED();
    }
    return this.dataSource.transaction(async (manager) => {
      // A lock set meanwhile by attempts over the allowance stays: those were guesses.
      await manager.query(`UPDATE users SET failed_login_count = 0 WHERE id = $1 AND locked_until IS NULL`, [user.id]);
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
        // A rotated or revoked token presented again: assume it was stolen and end the whole family. A rotated
        // one means two holders of the family: the access tokens already handed out end too (the token epoch,
        // which every instance is notified of, is bumped). A token ended by logout ended its family already.
        await manager
          .createQueryBuilder()
          .update(RefreshToken)
          .set({ revokedAt: () => 'now()' })
          .where('family_id = :family AND revoked_at IS NULL', { family: token.familyId })
          .execute();
        await this.audit.record(
          { actor: { id: token.userId, role: null }, action: 'auth.refresh-reuse', resourceType: 'session',
            outcome: 'denied', details: { familyId: token.familyId, rotated: token.replacedBy !== null } },
          manager,
        );
        if (token.replacedBy === null) return BAD_REFRESH();
        await manager.query(`UPDATE users SET token_epoch = token_epoch + 1 WHERE id = $1`, [token.userId]);
        return new ReusedRefreshToken(token.userId);
      }
      const user = await manager.findOne(User, { where: { id: token.userId } });
      if (!user || !user.active || token.expiresAt <= new Date()) return BAD_REFRESH();
      const pair = await this.tokens.issue(user, manager, token.familyId);
      await manager.update(RefreshToken, { id: token.id }, { revokedAt: new Date(), replacedBy: pair.id });
      await this.audit.record({ actor: { id: user.id, role: user.role }, action: 'auth.refresh', resourceType: 'session' }, manager);
      return strip(pair);
    });
    if (outcome instanceof ReusedRefreshToken) {
      // This instance drops its cached epoch at once; the others on the NOTIFY.
      this.tokenUsers.forget(outcome.userId);
      throw BAD_REFRESH();
    }
    if (outcome instanceof DomainError) throw outcome;
    return outcome;
  }

  /** Ends the login: its refresh tokens, and the access tokens it handed out (TokenFamilies). */
  async logout(refreshToken: string): Promise<void> {
    const familyId = await this.dataSource.transaction(async (manager) => {
      const token = await this.lockToken(manager, refreshToken);
      if (!token) throw BAD_REFRESH();
      await manager
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ revokedAt: () => 'now()' })
        .where('family_id = :family AND revoked_at IS NULL', { family: token.familyId })
        .execute();
      await this.audit.record({ actor: { id: token.userId, role: null }, action: 'auth.logout', resourceType: 'session' }, manager);
      await this.families.announceEnded(manager, token.familyId);
      return token.familyId;
    });
    this.families.forget(familyId);
  }

  /**
   * Locks the token, its user's row first: account changes that end sessions
   * lock the user and then its tokens (UsersService), and issuing a token
   * takes a key-share lock on the user, so the same order avoids a deadlock.
   */
  private async lockToken(manager: EntityManager, refreshToken: string): Promise<RefreshToken | null> {
    const hash = hashRefreshToken(refreshToken);
    const owner = (await manager.query(`SELECT user_id FROM refresh_tokens WHERE token_hash = $1`, [hash])) as { user_id: string }[];
    if (owner.length === 0) return null;
    await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR KEY SHARE`, [owner[0]?.user_id]);
    return manager.createQueryBuilder(RefreshToken, 't').setLock('pessimistic_write').where('t.token_hash = :hash', { hash }).getOne();
  }

  /**
   * Counts the attempt as a failure until its password proves right, in one
   * atomic UPDATE: false when the account is locked, or when this attempt is
   * over the allowance (it then sets the lock). An expired lock starts a new count.
   */
  private async reserveAttempt(user: User, lockout: { maxFailures: number; lockMinutes: number }): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `WITH counted AS (
           SELECT id, CASE WHEN locked_until <= now() THEN 1 ELSE failed_login_count + 1 END AS attempts
           FROM users WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now()) FOR UPDATE)
         UPDATE users u SET failed_login_count = c.attempts,
           locked_until = CASE WHEN c.attempts > $2 THEN now() + make_interval(mins => $3) END
         FROM counted c WHERE u.id = c.id
         RETURNING u.failed_login_count, u.locked_until`,
        [user.id, lockout.maxFailures, lockout.lockMinutes],
      )) as [{ failed_login_count: number; locked_until: Date | null }[], number];
      const row = rows[0][0];
      if (!row) return false;
      if (row.locked_until) {
        await this.recordLockout(manager, user, row.failed_login_count - 1, row.locked_until);
        return false;
      }
      return true;
    });
  }

  /** The attempt was already counted (reserveAttempt); the allowance used up locks the account. */
  private async recordFailure(user: User, lockout: { maxFailures: number; lockMinutes: number }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const actor = { id: user.id, role: user.role };
      await this.audit.record(
        { actor, action: 'auth.login', resourceType: 'session', outcome: 'failure', details: { reason: 'wrong_password' } },
        manager,
      );
      const locked = (await manager.query(
        `UPDATE users SET locked_until = now() + make_interval(mins => $3)
         WHERE id = $1 AND locked_until IS NULL AND failed_login_count >= $2
         RETURNING failed_login_count, locked_until`,
        [user.id, lockout.maxFailures, lockout.lockMinutes],
      )) as [{ failed_login_count: number; locked_until: Date }[], number];
      const row = locked[0][0];
      if (row) await this.recordLockout(manager, user, row.failed_login_count, row.locked_until);
    });
  }

  private recordLockout(manager: EntityManager, user: User, failedAttempts: number, lockedUntil: Date): Promise<void> {
    return this.audit.record(
      { actor: { id: user.id, role: user.role }, action: 'auth.lockout', resourceType: 'user', resourceId: user.id,
        outcome: 'denied', details: { failedAttempts, lockedUntil } },
      manager,
    );
  }

  /**
   * At most attemptsPerMinute logins per client address in any minute, on
   * every instance: the attempt is recorded before the password is checked,
   * under a per-address transaction lock, so attempts in flight count too.
   */
  private async enforceRateLimit(): Promise<void> {
    const clientAddress = currentRequest()?.clientAddress;
    if (!clientAddress) return;
    const { attemptsPerMinute } = await this.settings.get(LOGIN_RATE_LIMIT);
    const admitted = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('auth.login:' || $1, 0))`, [clientAddress]);
      const rows = (await manager.query(
        `WITH recent AS (
           SELECT count(*)::int AS n FROM login_attempts
           WHERE client_address = $1 AND attempted_at > clock_timestamp() - interval '1 minute'),
         admitted AS (
           INSERT INTO login_attempts (client_address) SELECT $1 FROM recent WHERE n < $2 RETURNING 1),
         -- Older attempts no longer count anywhere; SKIP LOCKED keeps concurrent cleanups out of each other's way.
         expired AS (
           DELETE FROM login_attempts WHERE ctid IN (
             SELECT ctid FROM login_attempts WHERE attempted_at < clock_timestamp() - interval '1 minute'
             LIMIT 100 FOR UPDATE SKIP LOCKED))
         SELECT count(*)::int AS admitted FROM admitted`,
        [clientAddress, attemptsPerMinute],
      )) as { admitted: number }[];
      return (rows[0]?.admitted ?? 0) > 0;
    });
    if (!admitted) {
      throw new DomainError('rate_limited', 'Too many login attempts from this address; wait a minute and try again.');
    }
  }
}

function strip({ accessToken, refreshToken, expiresIn, tokenType }: TokenPair & { id: string }): TokenPair {
  return { accessToken, refreshToken, expiresIn, tokenType };
}
