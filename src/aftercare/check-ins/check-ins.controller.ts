import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { CheckInsService } from './check-ins.service';
import { CheckInResponse, CreateCheckInDto } from './dto/check-in.dto';

@ApiTags('aftercare')
@Controller('patients/:id/check-ins')
export class CheckInsController {
  constructor(private readonly checkIns: CheckInsService) {}

  @Post()
  @PatientScoped('id')
  @RequirePermission('aftercare.check-ins-create', {
    summary: 'Record an aftercare check-in, optionally with a drug screen',
    description: 'Completes the named open follow-up, or the nearest open one within the window (setting ' +
      'aftercare.follow-ups). Whether a positive result is expected is derived by the server from the medication orders ' +
      'active at the check-in time (a client-sent `expected` is a 400). Relapse and ' +
      'unexpected positives alert the care team; a second lapse within 30 days alerts the case manager. 409 without a plan.',
  })
  create(
    @Patient() access: PatientAccess,
    @Body() body: CreateCheckInDto,
  ): Promise<CheckInResponse> {
    return this.checkIns.create(access, body);
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('aftercare.check-ins-read', { summary: "The patient's check-ins, newest first" })
  list(@Patient() access: PatientAccess): Promise<CheckInResponse[]> {
    return this.checkIns.list(access);
  }
}
