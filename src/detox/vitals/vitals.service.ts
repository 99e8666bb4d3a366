import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Alert } from '../../platform/alerts/entities/alert.entity';
import { type IdempotentOutcome, runIdempotent } from '../../platform/idempotency/idempotency';
import type { Page } from '../../common/http/pagination';
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
import { insertVitalsWithAudit, toVitalsContext, vitalsContextQuery } from './vitals-recording.queries';

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
