import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
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
  @PatientScoped('id')
  @RequirePermission('withdrawal-assessments.create', {
    summary: 'Record a CIWA-Ar or COWS assessment',
    description:
      'The server scores it (total and band) and returns when the next assessment is due (interval settings by band; ' +
      'CIWA-Ar monitoring completes after 24 hours under 10). A severe score raises an alert. Needs an open episode.',
  })
  async record(
    @Patient() access: PatientAccess,
    @Body() body: RecordAssessmentDto,
  ): Promise<RecordedAssessmentResponse> {
    const { assessment, alerts } = await this.assessments.record(access, body);
    return RecordedAssessmentResponse.ofRecorded(assessment, alerts);
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('withdrawal-assessments.read', { summary: "The patient's withdrawal assessments, in time order" })
  async list(
    @Patient() access: PatientAccess,
    @Query() query: AssessmentQuery,
  ): Promise<AssessmentPage> {
    const page = await this.assessments.list(access, query);
    return { ...page, items: page.items.map((a) => AssessmentResponse.of(a)) };
  }
}
