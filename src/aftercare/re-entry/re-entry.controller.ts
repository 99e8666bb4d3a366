import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { ReEngageDto, ReEngageResponse } from './dto/re-engage.dto';
import { ReEntryService } from './re-entry.service';

@ApiTags('aftercare')
@Controller('patients/:id/re-engage')
export class ReEntryController {
  constructor(private readonly reEntry: ReEntryService) {}

  @Post()
  @HttpCode(200)
  @PatientScoped('id')
  @RequirePermission('aftercare.re-engage', {
    summary: 'Bring a patient in aftercare back into treatment (default: screening)',
    description: 'to=detox or outpatient needs a clinician on the care team (403 otherwise) and a confirmed diagnosis ' +
      'from the last 12 months (409 otherwise). Open follow-ups close as re_engaged; the plan and history stay. ' +
      '409 when the patient is not in aftercare.',
  })
  reEngage(
    @Patient() access: PatientAccess,
    @Body() body: ReEngageDto,
  ): Promise<ReEngageResponse> {
    return this.reEntry.reEngage(access, body);
  }
}
