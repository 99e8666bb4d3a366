import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { PageQuery } from '../../common/http/pagination';
import { ReassessmentDuePage } from './dto/reassessment-due.dto';
import { ReassessmentsService } from './reassessments.service';

@ApiTags('detox')
@Controller('detox')
export class ReassessmentsController {
  constructor(private readonly reassessments: ReassessmentsService) {}

  @Get('reassessments-due')
  @RequirePermission('withdrawal-assessments.read', {
    summary: "Withdrawal reassessments due for the caller's patients in open detox episodes, soonest first",
    description:
      'One row per open episode and scale still monitored, with the last score and band and when the next ' +
      'assessment is or was due; an episode without any assessment is due from its start.',
  })
  async due(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<ReassessmentDuePage> {
    return this.reassessments.due(user, query);
  }
}
