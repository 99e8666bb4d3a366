import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { PrescribeSpo2ScaleDto, Spo2ScaleResponse } from './dto/spo2-scale.dto';
import { Spo2ScaleService } from './spo2-scale.service';

@ApiTags('detox')
@Controller('patients/:id/spo2-scale')
export class Spo2ScaleController {
  constructor(private readonly spo2Scale: Spo2ScaleService) {}

  @Put()
  @PatientScoped('id')
  @RequirePermission('spo2-scale.prescribe', {
    summary: "Prescribe the patient's NEWS2 SpO2 scale",
    description:
      'Scale 2 (target 88-92 %) needs a reason such as hypercapnic respiratory failure (400 naming `reason` ' +
      'otherwise); scale 1 (target 94-98 %) returns to the usual scale. Every later set of vitals is scored on it; ' +
      'a reading cannot choose its own scale. Kept as history and audited.',
  })
  async prescribe(@Patient() access: PatientAccess, @Body() body: PrescribeSpo2ScaleDto): Promise<Spo2ScaleResponse> {
    return Spo2ScaleResponse.of(access.patientId, await this.spo2Scale.prescribe(access, body));
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('vitals.read', { summary: "The patient's NEWS2 SpO2 scale in force (scale 1 unless prescribed)" })
  async read(@Patient() access: PatientAccess): Promise<Spo2ScaleResponse> {
    return Spo2ScaleResponse.of(access.patientId, await this.spo2Scale.read(access));
  }
}
