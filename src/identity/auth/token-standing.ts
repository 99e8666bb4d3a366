import type { AccessTokenInfo, AuthUser } from '../../common/auth/auth-user';
import type { CallerEnd } from '../../common/auth/caller-check';
import type { TokenUser } from '../users/token-users.service';

/**
 * Why a token issued under `epoch` no longer holds for its user, or null when
 * it does: the JWT strategy's check on each request, and the alert stream's
 * before each event. A role change, deactivation or ended sessions bump the epoch.
 */
export function tokenRefusal(user: TokenUser | null, epoch: number): Exclude<CallerEnd, 'token_expired'> | null {
  if (!user || !user.active) return 'account_deactivated';
  if (user.tokenEpoch !== epoch) return 'session_ended';
  return null;
}

/** The caller a request is authenticated as (the role is the user's, as of now). */
export function callerOf(user: TokenUser, token: AccessTokenInfo): AuthUser {
  return { id: user.id, role: user.role, email: user.email, displayName: user.displayName, token };
}
