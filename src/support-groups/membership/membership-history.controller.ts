import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { MembershipHistoryResponse } from './dto/membership.dto';
import { MembershipHistoryService } from './membership-history.service';

@ApiTags('groups')
@Controller('patients/:id/support-group-memberships')
export class MembershipHistoryController {
  constructor(private readonly history: MembershipHistoryService) {}

  @Get()
  @PatientScoped('id')
  @RequirePermission('support-groups.membership', {
    summary: "A patient's support-group membership history: joined, waitlisted, promoted, left and why",
    description: 'Care team only. Shows the groups, never their other members.',
  })
  list(@Patient() access: PatientAccess): Promise<MembershipHistoryResponse[]> {
    return this.history.list(access);
  }
}
