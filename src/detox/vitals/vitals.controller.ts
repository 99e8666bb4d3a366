import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey, sendIdempotent } from '../../platform/idempotency/idempotency';
import { jsonText } from '../../common/http/json-text';
import { TimeRangePageQuery } from '../../common/http/time-range.dto';
import { RecordedVitalsResponse, RecordVitalsDto, VitalsPage } from './dto/vitals.dto';
import { VitalsService } from './vitals.service';

@ApiTags('detox')
@Controller('patients/:id/vitals')
export class VitalsController {
  constructor(private readonly vitals: VitalsService) {}

  @Post()
  @ApiHeader({
    name: IDEMPOTENCY_HEADER, required: false,
    description: 'A retry with the same key returns the first answer (same status and body) and stores nothing new.',
  })
  @PatientScoped('id')
  @RequirePermission('vitals.create', {
    summary: 'Record a set of vital signs',
    description:
      'The server computes NEWS2 (RCP 2017) and raises the alerts whose rules the set fires. Partial sets are stored ' +
      'with an incomplete NEWS2. Implausible values are a 400 naming the field; takenAt may not be in the future ' +
      '(2 minutes of clock skew tolerated). Needs an open detox episode (422 otherwise).',
    invalid: { field: 'heartRate', message: 'must be between 20 and 250 bpm' },
  })
  async record(
    @Patient() access: PatientAccess,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: RecordVitalsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordedVitalsResponse> {
    const key = parseIdempotencyKey(idempotencyKey);
    const outcome = await this.vitals.record(access, body, key, (reading, alerts) =>
      RecordedVitalsResponse.ofRecorded(reading, alerts),
    );
    return sendIdempotent(res, outcome);
  }

  @Get()
  @ApiOkResponse({ type: VitalsPage })
  @PatientScoped('id')
  @RequirePermission('vitals.read', {
    summary: 'The vital-signs flowsheet, in time order, with the signs observed in the same period',
    description: '`from` (included) and `to` (excluded) are ISO 8601 date-times with offset.',
  })
  async flowsheet(
    @Patient() access: PatientAccess,
    @Query() query: TimeRangePageQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return jsonText(res, await this.vitals.flowsheet(access, query));
  }
}
