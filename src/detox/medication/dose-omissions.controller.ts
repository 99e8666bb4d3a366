import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { RaisedAlertSummary } from '../../platform/alerts/dto/alert.dto';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { DoseOmissionsService } from './dose-omissions.service';
import { DoseOmissionResponse, RecordDoseOmissionDto } from './dto/dose-omission.dto';

export class RecordedDoseOmissionResponse extends DoseOmissionResponse {
  @ApiProperty({ type: [RaisedAlertSummary] })
  alerts: RaisedAlertSummary[];
}

@ApiTags('detox')
@Controller('patients/:id/medication-orders/:orderId/omissions')
export class DoseOmissionsController {
  constructor(private readonly omissions: DoseOmissionsService) {}

  @Post()
  @PatientScoped('id')
  @RequirePermission('medication-administrations.create', {
    summary: 'Record a scheduled dose as held (clinical reason) or refused (by the patient)',
    description:
      'scheduledAt must be one of the order\'s dose times, due (at most the missed-dose grace period ahead, else 422 ' +
      'dose_not_due) and not already given, held or refused (else 409 dose_already_recorded). For a drug whose abrupt stop is ' +
      'dangerous (baclofen, benzodiazepines) it raises an urgent alert to the clinicians.',
  })
  async record(
    @Patient() access: PatientAccess,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Body() body: RecordDoseOmissionDto,
  ): Promise<RecordedDoseOmissionResponse> {
    const { omission, alerts } = await this.omissions.record(access, orderId, body);
    return Object.assign(new RecordedDoseOmissionResponse(), DoseOmissionResponse.of(omission), {
      alerts: alerts.map((a) => RaisedAlertSummary.of(a)),
    });
  }
}
