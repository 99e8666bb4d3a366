import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../common/auth/decorators';
import type { PatientAccess } from '../patients/access/patient-access';
import { Patient, PatientScoped } from '../patients/access/patient-scoped.decorator';
import { PageQuery } from '../common/http/pagination';
import { CreateLevelOfCareDto, LevelOfCarePage, LevelOfCareResponse } from './dto/level-of-care.dto';
import { LevelOfCareService } from './level-of-care.service';

@ApiTags('screening')
@Controller('patients/:id/level-of-care')
export class LevelOfCareController {
  constructor(private readonly levelOfCare: LevelOfCareService) {}

  @Post()
  @PatientScoped('id')
  @RequirePermission('level-of-care.create', {
    summary: 'Record the ASAM dimension ratings and the recommended level of care',
    description:
      'Body `{ratings, recommendedLevel}`: six ratings 0-4 and one of 0.5, 1, 2.1, 2.5, 3.1, 3.3, 3.5, 3.7, 4. ' +
      'The program treats 1 and 2.1 (outcome `accepted`); any other level is stored with outcome `refer_out`.',
  })
  async create(
    @Patient() access: PatientAccess,
    @Body() body: CreateLevelOfCareDto,
  ): Promise<LevelOfCareResponse> {
    return LevelOfCareResponse.of(await this.levelOfCare.create(access, body));
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('level-of-care.read', {
    summary: "The patient's level-of-care assessments, newest first",
    description: 'The newest one is the one the treatment gate (screening → detox/outpatient) looks at.',
  })
  async list(
    @Patient() access: PatientAccess,
    @Query() query: PageQuery,
  ): Promise<LevelOfCarePage> {
    const page = await this.levelOfCare.list(access, query);
    return { ...page, items: page.items.map((a) => LevelOfCareResponse.of(a)) };
  }
}
