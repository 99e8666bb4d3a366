import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { filter, type Observable, Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import type { Role } from '../../common/auth/roles';
import { DatabaseListener } from '../../platform/notifications/database-listener.service';
import { InvalidatedCache } from '../../platform/notifications/invalidated-cache';

/** What a token's check needs to know about its user. */
export interface TokenUser extends AuthUser {
  active: boolean;
  tokenEpoch: number;
}

/** The channel the `users_notify_changed` trigger notifies with the changed user's id (migration 1765300000000). */
const USERS_CHANGED = 'users_changed';

/**
 * The users behind access tokens, cached in process: every request checks
 * its token's user, and users rarely change. Any committed change to a user
 * (deactivation, role, token epoch) notifies every instance, which drops its
 * copy, so it takes effect everywhere within a second.
 */
@Injectable()
export class TokenUsers {
  private readonly cache: InvalidatedCache<string, TokenUser | null>;
  private readonly changed = new Subject<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    listener: DatabaseListener,
  ) {
    this.cache = new InvalidatedCache(() => listener.connected);
    listener.on(USERS_CHANGED, (id) => {
      this.cache.invalidate(id);
      // After the drop, so whoever reacts reads the user as changed.
      this.changed.next(id);
    });
    listener.onReset(() => this.cache.clear());
  }

  /** Drops this instance's copy at once (the writer's own next request must not wait for the NOTIFY). */
  forget(id: string): void {
    this.cache.invalidate(id);
  }

  /** The ids of changes to this user that every instance is told of (NOTIFY), each after its copy is dropped. */
  changesOf(id: string): Observable<string> {
    return this.changed.pipe(filter((changed) => changed === id));
  }

  find(id: string): Promise<TokenUser | null> {
    return this.cache.get(id, async () => {
      const rows = (await this.dataSource.query(
        `SELECT id, role, email, display_name, active, token_epoch FROM users WHERE id = $1`,
        [id],
      )) as { id: string; role: Role; email: string; display_name: string; active: boolean; token_epoch: number }[];
      const row = rows[0];
      return row
        ? { id: row.id, role: row.role, email: row.email, displayName: row.display_name, active: row.active, tokenEpoch: row.token_epoch }
        : null;
    });
  }
}
