import type { Role } from './roles';

/** The authenticated caller, attached to the request by the JWT strategy. */
export interface AuthUser {
  id: string;
  role: Role;
  email: string;
  displayName: string;
}
