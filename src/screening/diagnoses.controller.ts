import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../common/auth/decorators';
import type { PatientAccess } from '../patients/access/patient-access';
import { Patient, PatientScoped } from '../patients/access/patient-scoped.decorator';
import { DiagnosesService } from './diagnoses.service';
import { ConfirmDiagnosisDto, CreateDiagnosisDto, DiagnosisPage, DiagnosisQuery, DiagnosisResponse } from './dto/diagnosis.dto';

@ApiTags('screening')
@Controller('patients/:id/diagnoses')
export class DiagnosesController {
  constructor(private readonly diagnoses: DiagnosesService) {}

  @Post()
  @PatientScoped('id')
  @RequirePermission('diagnoses.create', {
    summary: 'Record a DSM-5 substance use disorder assessment for one substance',
    description:
      'Body `{substance, criteria, icd10Code?, medicallySupervised?, remission?: {noCriteriaSince, ' +
      'controlledEnvironment?}, maintenanceTherapy?}` with all 11 criteria true/false over the last 12 months (or ' +
      'the 12 months before noCriteriaSince). The server computes the count and severity (none 0-1, mild 2-3, ' +
      'moderate 4-5, severe 6+); under medical supervision tolerance and withdrawal do not count. Remission is early ' +
      '(3 to under 12 months) or sustained (12+). Treatment needs it confirmed.',
    invalid: { field: 'criteria.craving', message: 'must be true or false' },
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
    description:
      "Only a clinician on the patient's care team; emergency access does not allow it (403). A clinician other " +
      'than the recording one confirms; the recording one only with an `attestation`, when the setting ' +
      'screening.diagnosis-confirmation allows it (403 otherwise). 409 when already confirmed.',
  })
  async confirm(
    @Patient() access: PatientAccess,
    @Param('diagnosisId', ParseUUIDPipe) diagnosisId: string,
    @Body() body: ConfirmDiagnosisDto,
  ): Promise<DiagnosisResponse> {
    return DiagnosisResponse.of(await this.diagnoses.confirm(access, diagnosisId, body.attestation));
  }
}
