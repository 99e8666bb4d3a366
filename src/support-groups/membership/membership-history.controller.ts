import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import { MembershipHistoryResponse } from './dto/membership.dto';
import { MembershipHistoryService } from './membership-history.service';

@ApiTags('support-groups')
@Controller('patients/:id/support-group-memberships')
export class MembershipHistoryController {
  constructor(private readonly history: MembershipHistoryService) {}

  @Get()
  @RequirePermission('support-groups.membership', {
    summary: "A patient's support-group membership history: joined, waitlisted, promoted, left and why",
    description: 'Care team only. Shows the groups, never their other members.',
  })
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<MembershipHistoryResponse[]> {
    return this.history.list(user, id);
  }
}
