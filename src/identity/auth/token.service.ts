import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from 'typeorm';
import { SettingsService } from '../../platform/settings/settings.service';
import type { User } from '../users/entities/user.entity';
import { TOKEN_LIFETIMES } from './auth-settings';
import { RefreshToken } from './refresh-token.entity';

export interface AccessTokenClaims {
  sub: string;
  role: string;
  /** The user's token epoch when issued; a later role change or deactivation bumps it. */
  epoch: number;
  /** The refresh-token family (one login); its logout ends the access token. */
  fam?: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}

export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues access tokens (JWT) and opaque rotating refresh tokens. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly settings: SettingsService,
  ) {}

  async issue(user: User, manager: EntityManager, familyId: string = randomUUID()): Promise<TokenPair & { id: string }> {
    const lifetimes = await this.settings.get(TOKEN_LIFETIMES, manager);
    const expiresIn = lifetimes.accessTokenMinutes * 60;
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, epoch: user.tokenEpoch, fam: familyId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    const refreshToken = randomBytes(32).toString('base64url');
    const row = await manager.save(
      manager.create(RefreshToken, {
        userId: user.id,
        familyId,
        tokenHash: hashRefreshToken(refreshToken),
        expiresAt: new Date(Date.now() + lifetimes.refreshTokenDays * 86_400_000),
      }),
    );
    return { id: row.id, accessToken, refreshToken, expiresIn, tokenType: 'Bearer' };
  }
}
