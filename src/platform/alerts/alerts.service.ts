import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import type { Page } from '../../common/http/pagination';
import { DomainError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { type AlertCategory, acknowledgementRefusal } from './acknowledgement-rules';
import type { AlertQuery } from './dto/alert.dto';
import { Alert, type AlertAudience, type AlertSeverity } from './entities/alert.entity';

export const ALERTS_CHANNEL = 'alerts_raised';

export interface RaiseAlert {
  patientId: string;
  source: string;
  rule: string;
  severity: AlertSeverity;
  audience?: AlertAudience;
  /** Default clinical: closed only by a clinician (acknowledgement-rules.ts). */
  category?: AlertCategory;
  /** For an escalation: the alert it escalates (escalated at most once). */
  escalatesAlertId?: string;
  message: string;
  reading?: Record<string, unknown>;
  readingId?: string | null;
  /** Raise at most once per key (e.g. one overdue alert per reassessment). */
  dedupeKey?: string;
}

/**
 * Alerts on the reader's patients meant for the reader's role, newest first.
 * The patients are computed first (an ARRAY sub-select runs once), so alerts
 * are looked up by patient index instead of a scan of the table testing each
 * row. Exported so the benchmark EXPLAINs it.
 */
export function alertListQuery(
  manager: EntityManager, reader: Pick<AuthUser, 'id' | 'role'>, query: AlertQuery,
): SelectQueryBuilder<Alert> {
  const qb = manager
    .createQueryBuilder(Alert, 'a')
    .where(`a.patient_id = ANY(ARRAY(${PatientAccessService.patientsInScopeSql(':uid')}))`, { uid: reader.id })
    .andWhere(`a.audience IN ('care_team', :role)`, { role: reader.role });
  if (query.status) qb.andWhere('a.status = :status', { status: query.status });
  if (query.patientId) qb.andWhere('a.patient_id = :patientId', { patientId: query.patientId });
  return qb.orderBy('a.raised_at', 'DESC').addOrderBy('a.id', 'DESC').take(query.limit).skip(query.offset);
}

/**
 * The alert model every clinical module shares. Alerts are raised inside the
 * caller's transaction, and a NOTIFY tells every app instance once it commits.
 */
@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  /**
   * Returns the new alert, or null when one with the same dedupe key exists.
   * An alert for the case manager goes to the whole care team while the
   * patient has no active case manager on it, so it always reaches someone.
   */
  async raise(manager: EntityManager, alert: RaiseAlert): Promise<Alert | null> {
    const rows = (await manager.query(
      `INSERT INTO alerts (patient_id, source, rule, severity, audience, message, reading, reading_id, dedupe_key,
                           category, escalates_alert_id)
       VALUES ($1, $2, $3, $4,
         CASE WHEN $5 = 'case_manager' AND NOT EXISTS (
                SELECT 1 FROM care_team_members c JOIN users u ON u.id = c.user_id
                WHERE c.patient_id = $1 AND u.role = 'case_manager' AND u.active)
              THEN 'care_team' ELSE $5 END,
         $6, $7, $8, $9, $10, $11)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        alert.patientId, alert.source, alert.rule, alert.severity, alert.audience ?? 'clinician', alert.message,
        JSON.stringify(alert.reading ?? {}), alert.readingId ?? null, alert.dedupeKey ?? null,
        alert.category ?? 'clinical', alert.escalatesAlertId ?? null,
      ],
    )) as { id: string }[];
    const id = rows[0]?.id;
    if (!id) return null;
    await manager.query(`SELECT pg_notify($1, $2)`, [ALERTS_CHANNEL, id]);
    return manager.findOneByOrFail(Alert, { id });
  }

  /** Alerts on the caller's patients meant for the caller's role. */
  async list(user: AuthUser, query: AlertQuery): Promise<Page<Alert>> {
    const [items, total] = await alertListQuery(this.dataSource.manager, user, query).getManyAndCount();
    const accesses = await this.access.requireMany(user, items.map((a) => a.patientId), 'alerts.read');
    await this.access.recordAll(accesses, 'alert.read', 'alert', null);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /**
   * Closes an alert: clinical ones by a clinician on the care team or under
   * emergency access, with a note when urgent or emergency; engagement ones by
   * a case manager (acknowledgement-rules.ts). Who, when and the note are kept.
   * `accesses` is the guard's proof for the alert's patient (none when the alert does not exist).
   */
  acknowledge(user: AuthUser, accesses: readonly PatientAccess[], alertId: string, note: string | undefined): Promise<Alert> {
    return this.dataSource.transaction(async (manager) => {
      const alert = await manager.findOne(Alert, { where: { id: alertId }, lock: { mode: 'pessimistic_write' } });
      // Alerts meant for another role (e.g. clinical alerts for clinicians) are not the caller's to close.
      const access = accesses.find((a) => a.patientId === alert?.patientId);
      if (!alert || !access || (alert.audience !== 'care_team' && alert.audience !== user.role)) throw new NotFound('Alert');
      const refusal = acknowledgementRefusal(alert, user.role, note);
      if (refusal?.kind === 'wrong_role') throw new DomainError('forbidden', refusal.message);
      if (refusal?.kind === 'note_required') throw new ValidationFailed([{ field: 'note', message: refusal.message }]);
      if (alert.status === 'acknowledged') {
        throw new DomainError('alert_already_acknowledged', 'The alert has already been acknowledged.', {
          acknowledgedBy: alert.acknowledgedBy, acknowledgedAt: alert.acknowledgedAt,
        });
      }
      await manager.update(Alert, { id: alertId }, {
        status: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: user.id,
        acknowledgementNote: note?.trim() || null,
      });
      await this.access.record(access, 'alert.acknowledge', 'alert', alertId, manager, {
        rule: alert.rule, severity: alert.severity, category: alert.category,
      });
      return manager.findOneByOrFail(Alert, { id: alertId });
    });
  }
}
