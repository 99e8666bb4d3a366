import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/decorators';
import { AuthService } from './auth.service';
import { LoginDto, RefreshTokenDto, TokenPairResponse } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchanges email and password for an access token and a refresh token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto): Promise<TokenPairResponse> {
    return this.auth.login(body.email, body.password);
  }

  /** Rotates a refresh token; presenting an already-rotated token revokes its whole family. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshTokenDto): Promise<TokenPairResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  /** Ends the login: revokes the refresh token and the rest of its family, and ends the access tokens it issued. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}
