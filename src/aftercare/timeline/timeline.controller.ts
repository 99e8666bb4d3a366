import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { TimelinePage, TimelineQuery } from './dto/timeline.dto';
import { TimelineService } from './timeline.service';

@ApiTags('aftercare')
@Controller('patients/:id/recovery-timeline')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get()
  @PatientScoped('id')
  @RequirePermission('aftercare.timeline-read', {
    summary: "The patient's path as one time-ordered list of events",
    description: 'Phase changes, screenings, diagnoses, detox episodes, sessions attended and missed, signed notes, ' +
      "check-ins and screens, alerts raised and acknowledged; only kinds the caller's role may read, and `detail` " +
      '(screening answers, note bodies) only for roles allowed to see it. Alerts for another role are left out.',
  })
  read(
    @Patient() access: PatientAccess,
    @Query() query: TimelineQuery,
  ): Promise<TimelinePage> {
    return this.timeline.read(access, query);
  }
}
