import type { Observable } from 'rxjs';
import type { AuthUser } from './auth-user';

/** Why a caller's access token no longer holds (the alert stream's `end` event names it). */
export type CallerEnd = 'token_expired' | 'account_deactivated' | 'session_ended';

/** The caller as they are now, or why their token no longer holds. */
export type CallerNow = { holds: true; caller: AuthUser } | { holds: false; reason: CallerEnd };

/**
 * Checks again, later, the caller a request was authenticated as, exactly as
 * the JWT strategy did at its start: the token has not expired, the account
 * is active and the token's epoch is current (a role change, deactivation or
 * ended sessions bump it). For responses that outlive the request's check,
 * the alert stream. Identity provides it (it owns users); this is its token.
 */
export abstract class CallerCheck {
  abstract now(caller: AuthUser): Promise<CallerNow>;

  /**
   * Emits whenever the user changes (on every instance, once its cached copy
   * is dropped), so a long response can check the caller again at once
   * rather than at its next event.
   */
  abstract changes(userId: string): Observable<string>;
}
