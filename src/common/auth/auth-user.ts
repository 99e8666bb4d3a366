import type { Role } from './roles';

/** The access token a request was authenticated with, kept for responses that outlive the check (the alert stream). */
export interface AccessTokenInfo {
  /** The user's token epoch the token was issued under. */
  epoch: number;
  /** When the token expires, in ms since the epoch. */
  expiresAt: number;
  /** The login (refresh-token family) it was issued for; a logout ends its access tokens. */
  familyId?: string;
}

/** The authenticated caller, attached to the request by the JWT strategy. */
export interface AuthUser {
  id: string;
  role: Role;
  email: string;
  displayName: string;
  /** Set by the JWT strategy; absent on callers built in code (jobs, tests). */
  token?: AccessTokenInfo;
}
