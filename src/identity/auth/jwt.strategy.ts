import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppConfig } from '../../config/app-config';
import { User } from '../users/entities/user.entity';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, resolveJwtSecret } from './jwt-secret';
import type { AccessTokenClaims } from './token.service';

/**
 * Verifies the bearer token (signature, algorithm, issuer, audience, expiry),
 * then checks the account is still active and the token's epoch is current,
 * so deactivation and role changes take effect on the next request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: resolveJwtSecret(config),
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthUser | false> {
    const user = await this.dataSource.manager.findOne(User, { where: { id: claims.sub } });
    if (!user || !user.active || user.tokenEpoch !== claims.epoch) return false;
    return { id: user.id, role: user.role, email: user.email, displayName: user.displayName };
  }
}
