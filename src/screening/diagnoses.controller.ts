import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../common/auth/decorators';
import type { PatientAccess } from '../patients/access/patient-access';
import { Patient, PatientScoped } from '../patients/access/patient-scoped.decorator';
import { DiagnosesService } from './diagnoses.service';
import { CreateDiagnosisDto, DiagnosisPage, DiagnosisQuery, DiagnosisResponse } from './dto/diagnosis.dto';

@ApiTags('screening')
@Controller('patients/:id/diagnoses')
export class DiagnosesController {
  constructor(private readonly diagnoses: DiagnosesService) {}

  @Post()
  @PatientScoped('id')
  @RequirePermission('diagnoses.create', {
    summary: 'Record a DSM-5 substance use disorder assessment for one substance',
    description:
      'Body `{substance, criteria, icd10Code?}` with all 11 criteria true/false. The server computes the count ' +
      'and severity (none 0-1, mild 2-3, moderate 4-5, severe 6+). Treatment needs it confirmed.',
  })
  async create(
    @Patient() access: PatientAccess,
    @Body() body: CreateDiagnosisDto,
  ): Promise<DiagnosisResponse> {
    return DiagnosisResponse.of(await this.diagnoses.create(access, body));
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('diagnoses.read', { summary: "The patient's diagnoses, newest first" })
  async list(
    @Patient() access: PatientAccess,
    @Query() query: DiagnosisQuery,
  ): Promise<DiagnosisPage> {
    const page = await this.diagnoses.list(access, query);
    return { ...page, items: page.items.map((d) => DiagnosisResponse.of(d)) };
  }

  @Post(':diagnosisId/confirm')
  @HttpCode(200)
  @PatientScoped('id')
  @RequirePermission('diagnoses.confirm', {
    summary: 'Confirm a diagnosis (records the confirming clinician and time)',
    description: "Only a clinician on the patient's care team; emergency access does not allow it (403). 409 when already confirmed.",
  })
  async confirm(
    @Patient() access: PatientAccess,
    @Param('diagnosisId', ParseUUIDPipe) diagnosisId: string,
  ): Promise<DiagnosisResponse> {
    return DiagnosisResponse.of(await this.diagnoses.confirm(access, diagnosisId));
  }
}
