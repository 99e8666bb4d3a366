import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../users/entities/user.entity';
import { RefreshToken } from './refresh-token.entity';
import { Module, OnModuleInit } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../../config/app-config';
import { SettingsService } from '../../platform/settings/settings.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LOGIN_LOCKOUT, LOGIN_RATE_LIMIT, TOKEN_LIFETIMES } from './auth-settings';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, resolveJwtSecret } from './jwt-secret';
import { JwtStrategy } from './jwt.strategy';
import { CallerCheck } from '../../common/auth/caller-check';
import { TokenCallerCheck } from './token-caller-check.service';
import { TokenService } from './token.service';
import { TokenFamilies } from './token-families.service';
import { UsersModule } from '../users/users.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, RefreshToken]),
    PassportModule,
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: resolveJwtSecret(config),
        signOptions: { algorithm: JWT_ALGORITHM, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
        verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController],
  // CallerCheck is found by the alert stream through ModuleRef (the platform layer cannot import identity).
  providers: [AuthService, TokenService, TokenFamilies, JwtStrategy, { provide: CallerCheck, useClass: TokenCallerCheck }],
  exports: [TokenService],
})
export class AuthModule implements OnModuleInit {
  constructor(private readonly settings: SettingsService) {}

  onModuleInit(): void {
    this.settings.define(LOGIN_LOCKOUT);
    this.settings.define(LOGIN_RATE_LIMIT);
    this.settings.define(TOKEN_LIFETIMES);
  }
}
