import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/current-user.decorator';
import { RequirePermission } from '../common/auth/decorators';
import { AppConfig } from '../config/app-config';
import { ConsentsService } from './consents.service';
import { ConsentResponse, CreateConsentDto, RevokeConsentDto } from './dto/consent.dto';

@ApiTags('patients')
@Controller('patients/:id/consents')
export class ConsentsController {
  constructor(
    private readonly consents: ConsentsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @RequirePermission('consents.read', { summary: "The patient's 42 CFR Part 2 consents" })
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ConsentResponse[]> {
    const today = this.today();
    return (await this.consents.list(user, id)).map((c) => ConsentResponse.of(c, today));
  }

  @Post()
  @RequirePermission('consents.manage', { summary: 'Record a signed consent to disclose' })
  async create(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateConsentDto,
  ): Promise<ConsentResponse> {
    return ConsentResponse.of(await this.consents.create(user, id, body), this.today());
  }

  @Post(':consentId/revoke')
  @HttpCode(200)
  @RequirePermission('consents.manage', { summary: 'Record the revocation of a consent' })
  async revoke(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('consentId', ParseUUIDPipe) consentId: string,
    @Body() body: RevokeConsentDto,
  ): Promise<ConsentResponse> {
    return ConsentResponse.of(await this.consents.revoke(user, id, consentId, body.reason), this.today());
  }

  private today(): string {
    return DateTime.now().setZone(this.config.PROGRAM_TIMEZONE).toISODate() as string;
  }
}
