import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { SettingResponse, UpdateSettingDto } from './dto/setting.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

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
    const updated = this.dataSource.transaction(async (manager) => {
      const view = await this.settings.update(key, body.value, user.id, manager);
      await this.audit.record(
        { actor: user, action: 'setting.update', resourceType: 'setting', resourceId: key, details: { value: body.value } },
        manager,
      );
      return view;
    });
    return updated.finally(() => this.settings.forget(key));
  }
}
