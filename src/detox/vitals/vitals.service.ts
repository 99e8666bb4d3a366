import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Alert } from '../../platform/alerts/entities/alert.entity';
import { type IdempotentOutcome, runIdempotent } from '../../platform/idempotency/idempotency';
import type { Page } from '../../common/http/pagination';
import type { SqlQuery } from '../../common/sql-query';
import { type AuditEntry, auditInsert } from '../../platform/audit/audit.service';
import type { LatestWithdrawalScore } from '../alerting/alert-rules';
import { latestWithdrawalScoreSql, observedSignsSql } from '../alerting/pattern-context.service';
import type { ObservationSign } from '../observations/observation-signs';
import { ValidationFailed } from '../../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { SettingsService } from '../../platform/settings/settings.service';
import { evaluateVitalsAlerts } from '../alerting/alert-rules';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import { PATTERN_WINDOW } from '../detox-settings';
import { type TimeRange, toTimeRange } from '../../common/http/time-range';
import type { TimeRangePageQuery } from '../../common/http/time-range.dto';
import type { RecordVitalsDto } from './dto/vitals.dto';
import { VitalSignsReading } from './entities/vital-signs-reading.entity';
import { noOpenEpisode } from '../episodes/episodes.service';
import { ObservationsService, type RecordedSigns } from '../observations/observations.service';
import { computeNews2 } from './news2';
import { checkNotInFuture } from './recorded-time';
import { checkPlausible, type VitalSigns } from './vital-signs';

/** What recording one set of vitals needs to know first. */
export interface VitalsContext {
  episodeId: string;
  /** The SpO2 scale prescribed for the patient (1 when none was). */
  spo2Scale: 1 | 2;
  latest: LatestWithdrawalScore | undefined;
  observedSigns: ObservationSign[];
}

/**
 * In one round trip: the patient's open episode, the SpO2 scale in force, and
 * what the pattern rules see around `takenAt` (latest withdrawal score,
 * signs observed in the pattern window). No row: no open episode.
 */
export function vitalsContextQuery(patientId: string, takenAt: Date, patternHours: number): SqlQuery {
  return {
    sql: `SELECT e.id AS "episodeId",
        COALESCE((SELECT p.scale FROM spo2_scale_prescriptions p WHERE p.patient_id = e.patient_id
                  ORDER BY p.prescribed_at DESC, p.id DESC LIMIT 1), 1)::int AS "spo2Scale",
        (SELECT row_to_json(w) FROM (${latestWithdrawalScoreSql('e.id', '$2')}) w) AS latest,
        ARRAY(${observedSignsSql('e.id', '$2', '$3', 'NULL')}) AS "observedSigns"
      FROM detox_episodes e WHERE e.patient_id = $1 AND e.ended_at IS NULL`,
    params: [patientId, takenAt.toISOString(), patternHours],
  };
}

export function toVitalsContext(row: (Omit<VitalsContext, 'latest'> & { latest: LatestWithdrawalScore | null }) | undefined): VitalsContext | undefined {
  return row ? { ...row, latest: row.latest ?? undefined } : undefined;
}

/**
 * The reading's INSERT and its audit event in one statement (a data-modifying
 * WITH: both commit or neither), returning the time the database recorded it.
 */
export function insertVitalsWithAudit(r: Omit<VitalSignsReading, 'recordedAt'>, audit: AuditEntry): SqlQuery {
  const values = [
    r.id, r.patientId, r.episodeId, r.takenAt, r.heartRate, r.systolicBp, r.diastolicBp, r.respiratoryRate,
    r.temperatureC, r.spo2, r.spo2Scale, r.onSupplementalOxygen, r.consciousness, r.news2Complete, r.news2Total,
    r.news2Risk, JSON.stringify(r.news2Subscores), r.news2Missing, r.recordedBy,
  ];
  const audited = auditInsert([audit], values.length + 1);
  return {
    sql: `WITH audited AS (${audited.sql})
      INSERT INTO vital_signs (id, patient_id, episode_id, taken_at, heart_rate, systolic_bp, diastolic_bp, respiratory_rate,
        temperature_c, spo2, spo2_scale, on_supplemental_oxygen, consciousness, news2_complete, news2_total, news2_risk,
        news2_subscores, news2_missing, recorded_by)
      VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})
      RETURNING recorded_at AS "recordedAt"`,
    params: [...values, ...audited.params],
  };
}

/** Turns the request into VitalSigns, treating null as absent. */
function vitalSignsOf(dto: RecordVitalsDto): VitalSigns {
  const v: VitalSigns = {};
  const set = <K extends keyof VitalSigns>(key: K, value: VitalSigns[K] | null | undefined) => {
    if (value !== null && value !== undefined) v[key] = value;
  };
  set('heartRate', dto.heartRate);
  set('systolicBp', dto.systolicBp);
  set('diastolicBp', dto.diastolicBp);
  set('respiratoryRate', dto.respiratoryRate);
  set('temperatureC', dto.temperatureC);
  set('spo2', dto.spo2);
  set('onSupplementalOxygen', dto.onSupplementalOxygen);
  set('consciousness', dto.consciousness);
  return v;
}

const MEASUREMENTS: (keyof VitalSigns)[] = [
  'heartRate', 'systolicBp', 'diastolicBp', 'respiratoryRate', 'temperatureC', 'spo2', 'onSupplementalOxygen',
  'consciousness',
];

export interface Flowsheet extends Page<VitalSignsReading> {
  observations: RecordedSigns[];
}

/**
 * One page of a patient's flowsheet in [from, to), oldest first; read through
 * the (patient_id, taken_at) index. Exported so the benchmark EXPLAINs it.
 */
export function flowsheetQuery(
  manager: EntityManager, patientId: string, { from, to }: TimeRange, page: { limit: number; offset: number },
): SelectQueryBuilder<VitalSignsReading> {
  const qb = manager.createQueryBuilder(VitalSignsReading, 'v').where('v.patient_id = :patientId', { patientId });
  if (from) qb.andWhere('v.taken_at >= :from', { from });
  if (to) qb.andWhere('v.taken_at < :to', { to });
  return qb
    .orderBy('v.taken_at', 'ASC')
    .addOrderBy('v.recorded_at', 'ASC')
    .addOrderBy('v.id', 'ASC')
    .take(page.limit)
    .skip(page.offset);
}

/** Vital signs: validated, scored with NEWS2, checked against the alert rules, stored append-only. */
@Injectable()
export class VitalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly detoxAlerts: DetoxAlertsService,
    private readonly settings: SettingsService,
  ) {}

  /**
   * Records one set. `respond` shapes the answer inside the transaction, so an
   * Idempotency-Key retry gets exactly the first answer back.
   */
  record<R>(
    access: PatientAccess,
    dto: RecordVitalsDto,
    idempotencyKey: string | undefined,
    respond: (reading: VitalSignsReading, alerts: Alert[]) => R,
  ): Promise<IdempotentOutcome<R>> {
    const { user, patientId } = access;
    const vitals = vitalSignsOf(dto);
    const takenAt = new Date(dto.takenAt);
    const errors = checkPlausible(vitals);
    const future = checkNotInFuture('takenAt', takenAt, new Date());
    if (future) errors.push(future);
    if (!MEASUREMENTS.some((key) => vitals[key] !== undefined)) {
      errors.push({ field: 'measurements', message: 'at least one vital sign is required' });
    }
    if (errors.length > 0) throw new ValidationFailed(errors);

    return this.dataSource.transaction(async (manager) => {
      const scope = `POST /patients/${patientId}/vitals`;
      const onReplay = () => this.access.record(access, 'vitals.replay', 'vitals', null, manager);
      return runIdempotent(manager, { userId: user.id, key: idempotencyKey, scope, payload: dto, onReplay }, 201, async () => {
        const { hours } = await this.settings.get(PATTERN_WINDOW, manager);
        const thresholds = await this.detoxAlerts.thresholds(manager);
        const context = vitalsContextQuery(patientId, takenAt, hours);
        const found = toVitalsContext(((await manager.query(context.sql, context.params)) as Parameters<typeof toVitalsContext>[0][])[0]);
        if (!found) throw noOpenEpisode();
        const { episodeId, spo2Scale, latest, observedSigns } = found;
        const news2 = computeNews2({ ...vitals, spo2Scale });
        const fired = evaluateVitalsAlerts(vitals, news2, thresholds, { latest, observedSigns });

        // The id is made here so the reading and its audit event go in one statement.
        const reading: Omit<VitalSignsReading, 'recordedAt'> = {
          id: randomUUID(), patientId, episodeId, takenAt,
          heartRate: vitals.heartRate ?? null, systolicBp: vitals.systolicBp ?? null,
          diastolicBp: vitals.diastolicBp ?? null, respiratoryRate: vitals.respiratoryRate ?? null,
          temperatureC: vitals.temperatureC ?? null, spo2: vitals.spo2 ?? null, spo2Scale,
          onSupplementalOxygen: vitals.onSupplementalOxygen ?? null, consciousness: vitals.consciousness ?? null,
          news2Complete: news2.complete, news2Total: news2.total, news2Risk: news2.risk,
          news2Subscores: news2.subscores, news2Missing: news2.missing, recordedBy: user.id,
        };
        const audit = PatientAccessService.auditEntry(access, 'vitals.create', 'vitals', reading.id, {
          episodeId, news2Risk: news2.risk, alertRules: fired.map((a) => a.rule),
        });
        const insert = insertVitalsWithAudit(reading, audit);
        const [stored] = (await manager.query(insert.sql, insert.params)) as { recordedAt: Date }[];
        const alerts = await this.detoxAlerts.raiseForReading(manager, patientId, reading.id, fired, {
          kind: 'vital_signs', takenAt: takenAt.toISOString(), ...vitals,
          news2: { total: news2.total, risk: news2.risk, complete: news2.complete },
        });
        return respond(Object.assign(new VitalSignsReading(), reading, { recordedAt: (stored as { recordedAt: Date }).recordedAt }), alerts);
      });
    });
  }

  /**
   * The flowsheet: sets taken in [from, to), oldest first, and the signs
   * observed in the same period (oldest first, at most `limit`).
   */
  async flowsheet(access: PatientAccess, query: TimeRangePageQuery): Promise<Flowsheet> {
    const { patientId } = access;
    const [items, total] = await flowsheetQuery(this.dataSource.manager, patientId, toTimeRange(query), query)
      .getManyAndCount();
    const observations = await ObservationsService.between(this.dataSource.manager, patientId, { ...query, offset: 0 });
    await this.access.record(access, 'vitals.read', 'vitals', null, undefined, {
      count: items.length, observations: observations.items.length,
    });
    return { items, total, limit: query.limit, offset: query.offset, observations: observations.items };
  }
}
