import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditEventPage, AuditEventResponse, type AuditQuery } from './dto/audit-query.dto';
import { AuditEvent } from './entities/audit-event.entity';
import { toTimeRange } from '../../common/http/time-range';

/** Reads the audit trail for admins: filtered by patient, user, action (or action prefix) and time range. */
@Injectable()
export class AuditTrailService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(query: AuditQuery): Promise<AuditEventPage> {
    const range = toTimeRange(query); // refuses a `to` not after `from`
    const qb = this.dataSource.manager.createQueryBuilder(AuditEvent, 'e');
    // Events about the patient, and list reads that showed the patient among others.
    if (query.patientId) {
      qb.andWhere(`(e.patient_id = :patientId OR e.details -> 'patientIds' @> jsonb_build_array(:patientId::text))`, {
        patientId: query.patientId,
      });
    }
    if (query.userId) qb.andWhere('e.user_id = :userId', { userId: query.userId });
    if (query.action?.endsWith('.')) qb.andWhere('starts_with(e.action, :action)', { action: query.action });
    else if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (range.from) qb.andWhere('e.occurred_at >= :from', { from: range.from });
    if (range.to) qb.andWhere('e.occurred_at < :to', { to: range.to });
    const [items, total] = await qb
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: items.map((e) => AuditEventResponse.of(e)), total, limit: query.limit, offset: query.offset };
  }
}
