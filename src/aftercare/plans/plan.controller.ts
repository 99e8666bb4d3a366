import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { etagOf, ifMatchFrom } from '../../common/http/etag';
import { CreatePlanDto, PlanContentDto, PlanResponse, PlanVersionResponse } from './dto/plan.dto';
import { PlanService } from './plan.service';

const IF_MATCH = { name: 'If-Match', required: true, description: "The plan's ETag; 412 when stale, 428 when missing" };

@ApiTags('aftercare')
@Controller('patients/:id/aftercare-plan')
export class PlanController {
  constructor(private readonly plans: PlanService) {}

  @Post()
  @PatientScoped('id')
  @RequirePermission('aftercare.plans-write', {
    summary: 'Write the aftercare plan (one per patient) and schedule its follow-ups',
    description: 'Follow-ups are created at the setting aftercare.follow-up-schedule (default 7, 30, 60, 90, 180 and 365 ' +
      'days after startDate). 409 when the patient already has a plan.',
  })
  async create(
    @Patient() access: PatientAccess,
    @Body() body: CreatePlanDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanResponse> {
    return this.withEtag(res, await this.plans.create(access, body));
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('aftercare.plans-read', { summary: 'The current aftercare plan with its follow-ups (ETag carries the version)' })
  async get(
    @Patient() access: PatientAccess,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanResponse> {
    return this.withEtag(res, await this.plans.get(access));
  }

  @Patch()
  @ApiHeader(IF_MATCH)
  @PatientScoped('id')
  @RequirePermission('aftercare.plans-write', {
    summary: 'Replace the plan content (goals, relapse prevention, contacts, medications, groups); the old one stays as a version',
  })
  async update(
    @Patient() access: PatientAccess,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: PlanContentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanResponse> {
    return this.withEtag(res, await this.plans.update(access, ifMatchFrom(ifMatch), body));
  }

  @Get('versions')
  @PatientScoped('id')
  @RequirePermission('aftercare.plans-read', { summary: 'Every version of the plan, oldest first' })
  versions(@Patient() access: PatientAccess): Promise<PlanVersionResponse[]> {
    return this.plans.versions(access);
  }

  @Post('opt-out')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @PatientScoped('id')
  @RequirePermission('aftercare.plans-write', {
    summary: 'Record that the patient opts out of follow-ups (dated; open follow-ups close as opted_out; nothing deleted)',
  })
  async optOut(
    @Patient() access: PatientAccess,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanResponse> {
    return this.withEtag(res, await this.plans.optOut(access, ifMatchFrom(ifMatch)));
  }

  @Post('opt-in')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @PatientScoped('id')
  @RequirePermission('aftercare.plans-write', {
    summary: 'Record that the patient opts back in; follow-ups are scheduled again from today',
  })
  async optIn(
    @Patient() access: PatientAccess,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanResponse> {
    return this.withEtag(res, await this.plans.optIn(access, ifMatchFrom(ifMatch)));
  }

  private withEtag(res: Response, plan: PlanResponse): PlanResponse {
    res.setHeader('ETag', etagOf(plan.version));
    return plan;
  }
}
