import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  /** The demo accounts of `npm run seed:demo` work here. */
  @ApiProperty({ example: 'clinician@example.org' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @ApiProperty({ example: 'demo-password-clinician' })
  password: string;
}

export class RefreshTokenDto {
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  refreshToken: string;
}

export class TokenPairResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}
