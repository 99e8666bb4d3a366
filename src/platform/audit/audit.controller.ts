import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequirePermission } from '../../common/auth/decorators';
import { AuditVerificationService } from './audit-verification.service';
import { AuditEventPage, AuditEventResponse, AuditQuery } from './dto/audit-query.dto';
import { AuditVerificationResponse } from './dto/audit-verification.dto';
import { AuditEvent } from './entities/audit-event.entity';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verification: AuditVerificationService,
  ) {}

  @Get('verification')
  @RequirePermission('audit.read', {
    summary: 'The last verification of the tamper-evident audit chain (run by npm run audit:verify)',
  })
  lastVerification(): Promise<AuditVerificationResponse> {
    return this.verification.lastVerification();
  }

  @Get()
  @RequirePermission('audit.read', { summary: 'Query the audit trail by patient, user, action and time range' })
  async list(@Query() query: AuditQuery): Promise<AuditEventPage> {
    const qb = this.dataSource.manager.createQueryBuilder(AuditEvent, 'e');
    if (query.patientId) qb.andWhere('e.patient_id = :patientId', { patientId: query.patientId });
    if (query.userId) qb.andWhere('e.user_id = :userId', { userId: query.userId });
    if (query.action?.endsWith('.')) qb.andWhere('starts_with(e.action, :action)', { action: query.action });
    else if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });
    const [items, total] = await qb
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: items.map((e) => AuditEventResponse.of(e)), total, limit: query.limit, offset: query.offset };
  }
}
