import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { IopHoursQuery, IopHoursResponse, IopWeekResponse } from './dto/iop-hours.dto';
import { IopHoursService } from './iop-hours.service';

@ApiTags('sessions')
@Controller('patients/:id/iop-hours')
export class IopHoursController {
  constructor(private readonly iop: IopHoursService) {}

  @Get()
  @PatientScoped('id')
  @RequirePermission('iop-hours.read', {
    summary: 'Scheduled and attended session hours per week against the IOP target',
    description:
      'Monday-to-Sunday weeks in the program time zone covering from..to (dates, inclusive; at most 53 weeks). ' +
      'A week meets the target when attended hours reach the `sessions.iop-targets` setting for the patient\'s age ' +
      '(ASAM level 2.1: adults 9, adolescents under 18 6). ' +
      'Cancelled sessions are not scheduled hours; late and left_early count their minutes.',
  })
  async weeks(
    @Patient() access: PatientAccess,
    @Query() query: IopHoursQuery,
  ): Promise<IopHoursResponse> {
    const result = await this.iop.weeks(access, query);
    return {
      patientId: result.patientId,
      levelOfCare: result.levelOfCare,
      intensiveOutpatient: result.levelOfCare === '2.1',
      timeZone: result.timeZone,
      targetHours: result.targetHours,
      weeks: result.weeks.map((w) => IopWeekResponse.of(w)),
    };
  }
}
