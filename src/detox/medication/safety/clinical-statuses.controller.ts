import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../../common/auth/decorators';
import type { PatientAccess } from '../../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../../patients/access/patient-scoped.decorator';
import { ClinicalStatusesService } from './clinical-statuses.service';
import { ClinicalStatusResponse, RecordClinicalStatusDto } from './dto/clinical-status.dto';

@ApiTags('detox')
@Controller('patients/:id/clinical-statuses')
export class ClinicalStatusesController {
  constructor(private readonly statuses: ClinicalStatusesService) {}

  @Post()
  @PatientScoped('id')
  @RequirePermission('clinical-statuses.create', {
    summary: 'Record pregnancy, breastfeeding, eGFR or creatinine clearance',
    description: 'Append-only; the latest of each kind is what medication orders are checked against.',
  })
  async record(@Patient() access: PatientAccess, @Body() body: RecordClinicalStatusDto): Promise<ClinicalStatusResponse> {
    return ClinicalStatusResponse.of(await this.statuses.record(access, body));
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('clinical-statuses.read', { summary: "The patient's recorded clinical statuses, newest first" })
  async list(@Patient() access: PatientAccess): Promise<ClinicalStatusResponse[]> {
    return (await this.statuses.list(access)).map((s) => ClinicalStatusResponse.of(s));
  }
}
