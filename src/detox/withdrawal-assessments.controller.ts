import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/current-user.decorator';
import { RequirePermission } from '../common/auth/decorators';
import {
  AssessmentPage,
  AssessmentQuery,
  AssessmentResponse,
  RecordAssessmentDto,
  RecordedAssessmentResponse,
} from './dto/withdrawal-assessment.dto';
import { WithdrawalAssessmentsService } from './withdrawal-assessments.service';

@ApiTags('detox')
@Controller('patients/:id/withdrawal-assessments')
export class WithdrawalAssessmentsController {
  constructor(private readonly assessments: WithdrawalAssessmentsService) {}

  @Post()
  @RequirePermission('withdrawal-assessments.create', {
    summary: 'Record a CIWA-Ar or COWS assessment',
    description:
      'The server scores it (total and band) and returns when the next assessment is due (interval settings by band; ' +
      'CIWA-Ar monitoring completes after 24 hours under 10). A severe score raises an alert. Needs an open episode.',
  })
  async record(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordAssessmentDto,
  ): Promise<RecordedAssessmentResponse> {
    const { assessment, alerts } = await this.assessments.record(user, id, body);
    return RecordedAssessmentResponse.ofRecorded(assessment, alerts);
  }

  @Get()
  @RequirePermission('withdrawal-assessments.read', { summary: "The patient's withdrawal assessments, in time order" })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AssessmentQuery,
  ): Promise<AssessmentPage> {
    const page = await this.assessments.list(user, id, query);
    return { ...page, items: page.items.map((a) => AssessmentResponse.of(a)) };
  }
}
