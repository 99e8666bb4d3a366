import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey, sendIdempotent } from '../../platform/idempotency/idempotency';
import {
  AdministrationPage,
  AdministrationQuery,
  AdministrationResponse,
  RecordAdministrationDto,
  RecordedAdministrationResponse,
} from './dto/medication-administration.dto';
import { MedicationAdministrationsService } from './medication-administrations.service';

@ApiTags('detox')
@Controller('patients/:id/medication-administrations')
export class MedicationAdministrationsController {
  constructor(private readonly administrations: MedicationAdministrationsService) {}

  @Post()
  @ApiHeader({
    name: IDEMPOTENCY_HEADER, required: false,
    description: 'A retry with the same key returns the first answer (same status and body) and stores nothing new.',
  })
  @PatientScoped('id')
  @RequirePermission('medication-administrations.create', {
    summary: 'Record a dose given',
    description:
      'Refused with 422 dose_limit_exceeded (limit, alreadyGiven, unit) when the doses of the drug given in any ' +
      'rolling 24 hours containing it would exceed the order maximum, unless it carries override {reason}, which is ' +
      'stored and raises an alert. Safe under concurrency (the orders of the drug are row-locked).',
  })
  async record(
    @Patient() access: PatientAccess,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: RecordAdministrationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordedAdministrationResponse> {
    const key = parseIdempotencyKey(idempotencyKey);
    const outcome = await this.administrations.record(access, body, key, (administration, alerts) =>
      RecordedAdministrationResponse.ofRecorded(administration, alerts),
    );
    return sendIdempotent(res, outcome);
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('medication-administrations.read', { summary: 'Doses given to the patient, in time order' })
  async list(
    @Patient() access: PatientAccess,
    @Query() query: AdministrationQuery,
  ): Promise<AdministrationPage> {
    const page = await this.administrations.list(access, query);
    return { ...page, items: page.items.map((a) => AdministrationResponse.of(a)) };
  }
}
