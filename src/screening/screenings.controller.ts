import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { RequirePermission } from '../common/auth/decorators';
import type { PatientAccess } from '../patients/access/patient-access';
import { Patient, PatientScoped } from '../patients/access/patient-scoped.decorator';
import { roleHas } from '../common/auth/permissions';
import { CreateScreeningDto, ScreeningPage, ScreeningQuery, ScreeningResponse } from './dto/screening.dto';
import { ScreeningsService } from './screenings.service';

/** Item-level answers are shown only to roles holding `screenings.read-answers` (clinicians). */
const seesAnswers = (user: AuthUser) => roleHas(user.role, 'screenings.read-answers');

@ApiTags('screening')
@Controller('patients/:id/screenings')
export class ScreeningsController {
  constructor(private readonly screenings: ScreeningsService) {}

  @Post()
  @PatientScoped('id')
  @RequirePermission('screenings.create', {
    summary: 'Record a completed screening instrument; the server scores it',
    description:
      'Body `{instrument, answers, administeredAt?}`; `answers` is an array in official item order or an object ' +
      'keyed by item key. The server computes total, band and flags (a client-sent score is refused as an unknown ' +
      'field). An invalid answer is a 400 naming `answers.<itemKey>` and nothing is stored. PHQ-9 item 9 above 0 ' +
      'adds the flag `self_harm_risk` and raises an urgent alert to the care team. Case managers get totals, ' +
      'bands and flags but not item-level answers.',
    invalid: { field: 'answers.q9', message: 'is required' },
  })
  async create(
    @Patient() access: PatientAccess,
    @Body() body: CreateScreeningDto,
  ): Promise<ScreeningResponse> {
    return ScreeningResponse.of(await this.screenings.create(access, body), seesAnswers(access.user));
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('screenings.read', {
    summary: "The patient's screening history, filterable by instrument (trend of PHQ-9/GAD-7 scores)",
    description:
      'Ordered by administeredAt, newest first (`order=asc` for oldest first). Each result keeps the instrument ' +
      'version it was scored with. Answers are null for roles without `screenings.read-answers` (case managers).',
  })
  async list(
    @Patient() access: PatientAccess,
    @Query() query: ScreeningQuery,
  ): Promise<ScreeningPage> {
    const answers = seesAnswers(access.user);
    const page = await this.screenings.list(access, query, answers);
    return { ...page, items: page.items.map((s) => ScreeningResponse.of(s, answers)) };
  }

  @Get(':screeningId')
  @PatientScoped('id')
  @RequirePermission('screenings.read', { summary: 'One screening result' })
  async get(
    @Patient() access: PatientAccess,
    @Param('screeningId', ParseUUIDPipe) screeningId: string,
  ): Promise<ScreeningResponse> {
    const answers = seesAnswers(access.user);
    return ScreeningResponse.of(await this.screenings.get(access, screeningId, answers), answers);
  }
}
