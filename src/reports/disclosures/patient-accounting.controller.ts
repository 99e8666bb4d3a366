import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { PageQuery } from '../../common/http/pagination';
import { AccessReportPage, DisclosureEntry } from '../dto/accounting.dto';
import { PatientAccountingService } from './patient-accounting.service';

@ApiTags('reports')
@Controller('patients/:id')
export class PatientAccountingController {
  constructor(private readonly accounting: PatientAccountingService) {}

  @Get('disclosures')
  @RequirePermission('disclosures.read', {
    summary: "Accounting of disclosures of the patient's record over the last three years",
  })
  disclosures(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DisclosureEntry[]> {
    return this.accounting.disclosures(user, id);
  }

  @Get('access-report')
  @RequirePermission('disclosures.read', { summary: "Who read or changed the patient's record, and when" })
  accessReport(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: PageQuery,
  ): Promise<AccessReportPage> {
    return this.accounting.accessReport(user, id, page.limit, page.offset);
  }
}
