import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { RequirePermission } from '../common/auth/decorators';
import type { PatientAccess } from './access/patient-access';
import { Patient, PatientScoped } from './access/patient-scoped.decorator';
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
  @PatientScoped('id')
  @RequirePermission('consents.read', { summary: "The patient's 42 CFR Part 2 consents" })
  async list(@Patient() access: PatientAccess): Promise<ConsentResponse[]> {
    const today = this.today();
    return (await this.consents.list(access)).map((c) => ConsentResponse.of(c, today));
  }

  @Post()
  @PatientScoped('id')
  @RequirePermission('consents.manage', { summary: 'Record a signed consent to disclose' })
  async create(
    @Patient() access: PatientAccess,
    @Body() body: CreateConsentDto,
  ): Promise<ConsentResponse> {
    return ConsentResponse.of(await this.consents.create(access, body), this.today());
  }

  @Post(':consentId/revoke')
  @HttpCode(200)
  @PatientScoped('id')
  @RequirePermission('consents.manage', { summary: 'Record the revocation of a consent' })
  async revoke(
    @Patient() access: PatientAccess,
    @Param('consentId', ParseUUIDPipe) consentId: string,
    @Body() body: RevokeConsentDto,
  ): Promise<ConsentResponse> {
    return ConsentResponse.of(await this.consents.revoke(access, consentId, body.reason), this.today());
  }

  private today(): string {
    return DateTime.now().setZone(this.config.PROGRAM_TIMEZONE).toISODate() as string;
  }
}
