import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { type Role, ROLES } from '../../../common/auth/roles';
import { IsAcceptablePassword } from '../is-acceptable-password';
import type { User } from '../entities/user.entity';
import { IsPersonName } from '../../../common/http/is-person-name';

export class CreateUserDto {
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsPersonName()
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @IsString()
  @IsAcceptablePassword()
  password: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

export class ChangeOwnPasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  currentPassword: string;

  @IsString()
  @IsAcceptablePassword()
  newPassword: string;
}

export class ResetPasswordDto {
  @IsString()
  @IsAcceptablePassword()
  password: string;
}

export class UserResponse {
  id: string;
  email: string;
  displayName: string;
  @ApiProperty({ enum: ROLES })
  role: Role;
  active: boolean;
  createdAt: Date;

  static of(user: User): UserResponse {
    return Object.assign(new UserResponse(), {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      active: user.active,
      createdAt: user.createdAt,
    });
  }
}

export class DirectoryEntryResponse {
  id: string;
  displayName: string;
  @ApiProperty({ enum: ROLES })
  role: Role;

  static of(user: User): DirectoryEntryResponse {
    return Object.assign(new DirectoryEntryResponse(), { id: user.id, displayName: user.displayName, role: user.role });
  }
}
