import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { AuditTrailService } from './audit-trail.service';
import { AuditVerificationService } from './audit-verification.service';
import { AuditEventPage, AuditQuery } from './dto/audit-query.dto';
import { parseChainAnchor } from './audit-anchor';
import { AuditVerificationQuery, AuditVerificationResponse } from './dto/audit-verification.dto';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly verification: AuditVerificationService,
  ) {}

  @Get('verification')
  @RequirePermission('audit.read', {
    summary: 'The last verification of the tamper-evident audit chain (run by npm run audit:verify), and whether it reaches an outside anchor',
  })
  lastVerification(@Query() query: AuditVerificationQuery): Promise<AuditVerificationResponse> {
    return this.verification.lastVerification(query.anchor ? parseChainAnchor(query.anchor) : undefined);
  }

  @Get()
  @RequirePermission('audit.read', { summary: 'Query the audit trail by patient, user, action and time range' })
  list(@Query() query: AuditQuery): Promise<AuditEventPage> {
    return this.trail.search(query);
  }
}
