import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/current-user.decorator';
import { RequirePermission } from '../common/auth/decorators';
import {
  ObservationPage, ObservationResponse, RecordedObservationResponse, RecordObservationDto,
} from './dto/observation.dto';
import { TimeRangePageQuery } from './dto/time-range.dto';
import { ObservationsService } from './observations.service';

@ApiTags('detox')
@Controller('patients/:id/observations')
export class ObservationsController {
  constructor(private readonly observations: ObservationsService) {}

  @Post()
  @RequirePermission('observations.create', {
    summary: 'Record signs observed during detox (seizure, hallucinations, confusion, ...)',
    description:
      'Signs come from a fixed vocabulary, each at most once, present or absent. A present seizure, coma or delirium ' +
      'raises an emergency alert; hallucinations, psychosis or rigidity an urgent one. Present signs also join the ' +
      'vitals of the last hours (setting detox.pattern-window) in the overdose and withdrawal patterns. Needs an ' +
      'open detox episode (422 otherwise); observedAt may not be in the future.',
  })
  async record(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordObservationDto,
  ): Promise<RecordedObservationResponse> {
    const { observation, signs, alerts } = await this.observations.record(user, id, body);
    return RecordedObservationResponse.ofRecorded(observation, signs, alerts);
  }

  @Get()
  @RequirePermission('observations.read', {
    summary: "The patient's observations, in time order",
    description: '`from` (included) and `to` (excluded) are ISO 8601 date-times with offset.',
  })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: TimeRangePageQuery,
  ): Promise<ObservationPage> {
    const page = await this.observations.list(user, id, query);
    return { ...page, items: page.items.map((o) => ObservationResponse.of(o.observation, o.signs)) };
  }
}
