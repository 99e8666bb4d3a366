import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { PageQuery } from '../../common/http/pagination';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { AccessReportPage, DisclosureEntry } from '../dto/accounting.dto';
import { PatientAccountingService } from './patient-accounting.service';

@ApiTags('reports')
@Controller('patients/:id')
export class PatientAccountingController {
  constructor(private readonly accounting: PatientAccountingService) {}

  @Get('disclosures')
  @PatientScoped('id')
  @RequirePermission('disclosures.read', {
    summary: "Accounting of disclosures of the patient's record over the last three years",
  })
  disclosures(@Patient() access: PatientAccess): Promise<DisclosureEntry[]> {
    return this.accounting.disclosures(access);
  }

  @Get('access-report')
  @PatientScoped('id')
  @RequirePermission('disclosures.read', { summary: "Who read or changed the patient's record, and when" })
  accessReport(@Patient() access: PatientAccess, @Query() page: PageQuery): Promise<AccessReportPage> {
    return this.accounting.accessReport(access, page.limit, page.offset);
  }
}
