import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { ChangeOwnPasswordDto, ChangeRoleDto, CreateUserDto, DirectoryEntryResponse, ResetPasswordDto, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @RequirePermission('users.manage', { summary: 'Create a user account' })
  async create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserDto): Promise<UserResponse> {
    return UserResponse.of(await this.users.create(actor, body));
  }

  @Get()
  @RequirePermission('users.manage', { summary: 'List user accounts' })
  async list(): Promise<UserResponse[]> {
    return (await this.users.list()).map((user) => UserResponse.of(user));
  }

  @Get('directory')
  @RequirePermission('users.read-directory', {
    summary: 'Active clinicians and case managers (id, name, role), to add to care teams and sessions',
  })
  async directory(): Promise<DirectoryEntryResponse[]> {
    return (await this.users.directory()).map((user) => DirectoryEntryResponse.of(user));
  }

  @Get('me')
  @RequirePermission('users.read-self', { summary: 'The caller' })
  async me(@CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return UserResponse.of(await this.users.get(actor.id));
  }

  @Post('me/password')
  @HttpCode(200)
  @RequirePermission('users.change-own-password', {
    summary: 'Change your own password (ends all your sessions; log in again)',
  })
  async changeOwnPassword(@CurrentUser() actor: AuthUser, @Body() body: ChangeOwnPasswordDto): Promise<UserResponse> {
    return UserResponse.of(await this.users.changeOwnPassword(actor, body.currentPassword, body.newPassword));
  }

  @Get(':id')
  @RequirePermission('users.manage', { summary: 'One user account' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return UserResponse.of(await this.users.get(id));
  }

  @Post(':id/role')
  @HttpCode(200)
  @RequirePermission('users.manage', {
    summary: "Change a user's role",
    description: 'Tokens issued before the change stop working on their next request.',
  })
  async changeRole(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ChangeRoleDto,
  ): Promise<UserResponse> {
    return UserResponse.of(await this.users.changeRole(actor, id, body.role));
  }

  @Post(':id/password')
  @HttpCode(200)
  @RequirePermission('users.manage', { summary: "Reset a user's password (ends their sessions)" })
  async resetPassword(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ResetPasswordDto,
  ): Promise<UserResponse> {
    return UserResponse.of(await this.users.resetPassword(actor, id, body.password));
  }

  @Post(':id/end-sessions')
  @HttpCode(200)
  @RequirePermission('users.manage', {
    summary: "End all of a user's sessions",
    description:
      'Revokes every refresh token and bumps the token epoch; each instance checks the epoch in the database on ' +
      'every request, so the user\'s access tokens are refused from the next request on, everywhere.',
  })
  async endSessions(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return UserResponse.of(await this.users.endSessions(actor, id));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermission('users.manage', { summary: 'Deactivate a user (existing tokens stop working)' })
  async deactivate(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return UserResponse.of(await this.users.setActive(actor, id, false));
  }

  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermission('users.manage', { summary: 'Re-activate a user' })
  async activate(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return UserResponse.of(await this.users.setActive(actor, id, true));
  }
}
