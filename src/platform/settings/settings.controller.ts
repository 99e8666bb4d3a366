import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { SettingResponse, UpdateSettingDto } from './dto/setting.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @RequirePermission('settings.read', { summary: 'Every program setting with its value and documented default' })
  list(): Promise<SettingResponse[]> {
    return this.settings.list();
  }

  @Get(':key')
  @RequirePermission('settings.read', { summary: 'One program setting' })
  read(@Param('key') key: string): Promise<SettingResponse> {
    return this.settings.read(key);
  }

  @Put(':key')
  @RequirePermission('settings.manage', { summary: 'Change a program setting' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('key') key: string,
    @Body() body: UpdateSettingDto,
  ): Promise<SettingResponse> {
    return this.settings.update(user, key, body.value);
  }
}
