import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { ClinicalStatusesService } from './clinical-statuses.service';
import { ClinicalStatusResponse, RecordClinicalStatusDto } from './dto/clinical-status.dto';

@ApiTags('detox')
@Controller('patients/:id/clinical-statuses')
export class ClinicalStatusesController {
  constructor(private readonly statuses: ClinicalStatusesService) {}

  @Post()
  @RequirePermission('clinical-statuses.create', {
    summary: 'Record pregnancy, breastfeeding, eGFR or creatinine clearance',
    description: 'Append-only; the latest of each kind is what medication orders are checked against.',
  })
  async record(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordClinicalStatusDto,
  ): Promise<ClinicalStatusResponse> {
    return ClinicalStatusResponse.of(await this.statuses.record(user, id, body));
  }

  @Get()
  @RequirePermission('clinical-statuses.read', { summary: "The patient's recorded clinical statuses, newest first" })
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ClinicalStatusResponse[]> {
    return (await this.statuses.list(user, id)).map((s) => ClinicalStatusResponse.of(s));
  }
}
