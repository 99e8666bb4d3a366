import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppConfig } from '../../config/app-config';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, resolveJwtSecret } from './jwt-secret';
import type { AccessTokenClaims } from './token.service';
import { TokenUsers } from '../users/token-users.service';
import { callerOf, tokenRefusal } from './token-standing';
import { TokenFamilies } from './token-families.service';

/**
 * Verifies the bearer token (signature, algorithm, issuer, audience, expiry),
 * then checks the account is still active, the token's epoch is current and
 * its login was not logged out, so deactivation, role changes and logout take
 * effect within a second on every instance (TokenUsers, TokenFamilies: cached,
 * invalidated by NOTIFY).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly users: TokenUsers,
    private readonly families: TokenFamilies,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: given a string, jsonwebtoken tries (and fails) to parse it as a PEM public key on every request.
      secretOrKey: createSecretKey(Buffer.from(resolveJwtSecret(config), 'utf8')) as unknown as string,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims & { exp?: number }): Promise<AuthUser | false> {
    // jsonwebtoken checks expiry only when the claim is there; every token we issue has one.
    if (typeof claims.exp !== 'number') return false;
    const user = await this.users.find(claims.sub);
    if (!user || tokenRefusal(user, claims.epoch)) return false;
    if (typeof claims.fam === 'string' && (await this.families.isEnded(claims.fam))) return false;
    // The token is kept on the caller so a long-lived response (the alert stream) can check it again.
    return callerOf(user, { epoch: claims.epoch, expiresAt: claims.exp * 1000, ...(claims.fam ? { familyId: claims.fam } : {}) });
  }
}
