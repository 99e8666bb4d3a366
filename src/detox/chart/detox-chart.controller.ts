import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { DetoxChartService } from './detox-chart.service';
import { ChartQuery } from './dto/chart.dto';

@ApiTags('detox')
@Controller('patients/:id/detox')
export class DetoxChartController {
  constructor(private readonly chart: DetoxChartService) {}

  @Get('chart.svg')
  @ApiProduces('image/svg+xml')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @PatientScoped('id')
  @RequirePermission('vitals.read', {
    summary: 'The detox chart: vital signs, NEWS2 and withdrawal scores over time (SVG)',
    description:
      'Panels with units and shaded danger bands (the alert rules in force), time labelled in the program time zone. ' +
      'Default period: the 72 hours before `to` (default now); at most 31 days. No patient identity in the image.',
  })
  chartSvg(
    @Patient() access: PatientAccess,
    @Query() query: ChartQuery,
  ): Promise<string> {
    return this.chart.render(access, query);
  }
}
