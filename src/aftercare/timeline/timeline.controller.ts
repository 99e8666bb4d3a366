import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { TimelinePage, TimelineQuery } from './dto/timeline.dto';
import { TimelineService } from './timeline.service';

@ApiTags('aftercare')
@Controller('patients/:id/recovery-timeline')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get()
  @RequirePermission('aftercare.timeline-read', {
    summary: "The patient's path as one time-ordered list of events",
    description: 'Phase changes, screenings, diagnoses, detox episodes, sessions attended and missed, signed notes, ' +
      "check-ins and screens, alerts raised and acknowledged; only kinds the caller's role may read, and `detail` " +
      '(screening answers, note bodies) only for roles allowed to see it. Alerts for another role are left out.',
  })
  read(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: TimelineQuery,
  ): Promise<TimelinePage> {
    return this.timeline.read(user, id, query);
  }
}
