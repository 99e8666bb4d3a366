import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/current-user.decorator';
import { RequirePermission } from '../common/auth/decorators';
import { PrescribeSpo2ScaleDto, Spo2ScaleResponse } from './dto/spo2-scale.dto';
import { Spo2ScaleService } from './spo2-scale.service';

@ApiTags('detox')
@Controller('patients/:id/spo2-scale')
export class Spo2ScaleController {
  constructor(private readonly spo2Scale: Spo2ScaleService) {}

  @Put()
  @RequirePermission('spo2-scale.prescribe', {
    summary: "Prescribe the patient's NEWS2 SpO2 scale",
    description:
      'Scale 2 (target 88-92 %) needs a reason such as hypercapnic respiratory failure (400 naming `reason` ' +
      'otherwise); scale 1 (target 94-98 %) returns to the usual scale. Every later set of vitals is scored on it; ' +
      'a reading cannot choose its own scale. Kept as history and audited.',
  })
  async prescribe(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PrescribeSpo2ScaleDto,
  ): Promise<Spo2ScaleResponse> {
    return Spo2ScaleResponse.of(id, await this.spo2Scale.prescribe(user, id, body));
  }

  @Get()
  @RequirePermission('vitals.read', { summary: "The patient's NEWS2 SpO2 scale in force (scale 1 unless prescribed)" })
  async read(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Spo2ScaleResponse> {
    return Spo2ScaleResponse.of(id, await this.spo2Scale.read(user, id));
  }
}
