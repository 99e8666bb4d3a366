import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { AuditTrailService } from './audit-trail.service';
import { AuditEventPage, AuditQuery } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly trail: AuditTrailService) {}

  @Get()
  @RequirePermission('audit.read', { summary: 'Query the audit trail by patient, user, action and time range' })
  list(@Query() query: AuditQuery): Promise<AuditEventPage> {
    return this.trail.search(query);
  }
}
