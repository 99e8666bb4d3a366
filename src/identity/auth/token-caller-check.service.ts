import { Injectable } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { AuthUser } from '../../common/auth/auth-user';
import { CallerCheck, type CallerNow } from '../../common/auth/caller-check';
import { TokenUsers } from '../users/token-users.service';
import { callerOf, tokenRefusal } from './token-standing';
import { TokenFamilies } from './token-families.service';

/**
 * The JWT strategy's check, run again later on a caller it let in (the alert
 * stream, before each event): the token's expiry, then the cached token user
 * (dropped on every instance by NOTIFY when the user changes), so an open
 * stream costs no round trip per event.
 */
@Injectable()
export class TokenCallerCheck extends CallerCheck {
  constructor(
    private readonly users: TokenUsers,
    private readonly families: TokenFamilies,
  ) {
    super();
  }

  async now(caller: AuthUser): Promise<CallerNow> {
    const { token } = caller;
    // A caller the strategy did not authenticate has no token to check again: fail closed.
    if (!token) return { holds: false, reason: 'session_ended' };
    if (Date.now() >= token.expiresAt) return { holds: false, reason: 'token_expired' };
    const user = await this.users.find(caller.id);
    const refusal = tokenRefusal(user, token.epoch);
    if (refusal || !user) return { holds: false, reason: refusal ?? 'account_deactivated' };
    // The epoch is bumped on a role change, so this is a second lock on the same door.
    if (user.role !== caller.role) return { holds: false, reason: 'session_ended' };
    if (token.familyId && (await this.families.isEnded(token.familyId))) return { holds: false, reason: 'session_ended' };
    return { holds: true, caller: callerOf(user, token) };
  }

  changes(userId: string): Observable<string> {
    return this.users.changesOf(userId);
  }
}
