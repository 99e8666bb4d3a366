import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { roleHas } from '../../common/auth/permissions';
import { ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import type { PatientAccess } from '../../patients/access/patient-access';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import type { TimelinePage, TimelineQuery } from './dto/timeline.dto';
import { TIMELINE_SOURCES } from './timeline-sources';

/** One time-ordered story of the patient's path, limited to what the caller's role may see. */
@Injectable()
export class TimelineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly config: AppConfig,
  ) {}

  read(access: PatientAccess, query: TimelineQuery): Promise<TimelinePage> {
    const from = query.from ? new Date(query.from) : new Date(0);
    const to = query.to ? new Date(query.to) : new Date();
    if (to <= from) throw new ValidationFailed([{ field: 'to', message: 'must be after from' }]);
    return this.dataSource.transaction(async (manager) => {
      const { user, patientId } = access;
      const union = TIMELINE_SOURCES.filter((s) => roleHas(user.role, s.permission))
        .map((s) => `(${s.sql(s.detailPermission === undefined || roleHas(user.role, s.detailPermission))})`)
        .join('\nUNION ALL\n');
      const rows = (await manager.query(
        `SELECT at, kind, summary, record_id AS "recordId", detail, count(*) OVER () AS total
         FROM (${union}) AS events (at, kind, summary, record_id, detail)
         ORDER BY at, kind, record_id LIMIT $5 OFFSET $6`,
        [patientId, user.role, from, to, query.limit, query.offset, this.config.PROGRAM_TIMEZONE],
      )) as (TimelinePage['items'][number] & { total: string })[];
      await this.access.record(access, 'recovery-timeline.read', 'patient', patientId, manager, {
        from: from.toISOString(), to: to.toISOString(), events: rows.length,
      });
      return {
        items: rows.map(({ total: _total, ...event }) => event),
        total: Number(rows[0]?.total ?? 0),
        limit: query.limit,
        offset: query.offset,
      };
    });
  }
}
