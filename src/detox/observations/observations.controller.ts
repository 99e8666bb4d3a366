import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import {
  ObservationPage, ObservationResponse, RecordedObservationResponse, RecordObservationDto,
} from './dto/observation.dto';
import { TimeRangePageQuery } from '../../common/http/time-range.dto';
import { ObservationsService } from './observations.service';

@ApiTags('detox')
@Controller('patients/:id/observations')
export class ObservationsController {
  constructor(private readonly observations: ObservationsService) {}

  @Post()
  @PatientScoped('id')
  @RequirePermission('observations.create', {
    summary: 'Record signs observed during detox (seizure, hallucinations, confusion, ...)',
    description:
      'Signs come from a fixed vocabulary, each at most once, present or absent. A present seizure, coma or delirium ' +
      'raises an emergency alert; hallucinations, psychosis or rigidity an urgent one. Present signs also join the ' +
      'vitals of the last hours (setting detox.pattern-window) in the overdose and withdrawal patterns. Needs an ' +
      'open detox episode (422 otherwise); observedAt may not be in the future.',
  })
  async record(@Patient() access: PatientAccess, @Body() body: RecordObservationDto): Promise<RecordedObservationResponse> {
    const { observation, signs, alerts } = await this.observations.record(access, body);
    return RecordedObservationResponse.ofRecorded(observation, signs, alerts);
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('observations.read', {
    summary: "The patient's observations, in time order",
    description: '`from` (included) and `to` (excluded) are ISO 8601 date-times with offset.',
  })
  async list(@Patient() access: PatientAccess, @Query() query: TimeRangePageQuery): Promise<ObservationPage> {
    const page = await this.observations.list(access, query);
    return { ...page, items: page.items.map((o) => ObservationResponse.of(o.observation, o.signs)) };
  }
}
