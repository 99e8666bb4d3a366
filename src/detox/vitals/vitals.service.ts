import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Alert } from '../../platform/alerts/entities/alert.entity';
import { type IdempotentOutcome, runIdempotent } from '../../platform/idempotency/idempotency';
import type { Page } from '../../common/http/pagination';
import { ValidationFailed } from '../../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { evaluateVitalsAlerts, type LatestWithdrawalScore } from '../alerting/alert-rules';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import { toTimeRange } from '../../common/http/time-range';
import type { TimeRangePageQuery } from '../dto/time-range.dto';
import type { RecordVitalsDto } from './dto/vitals.dto';
import { VitalSignsReading } from './entities/vital-signs-reading.entity';
import { EpisodesService } from '../episodes/episodes.service';
import { computeNews2 } from './news2';
import { checkNotInFuture } from './recorded-time';
import { checkPlausible, type VitalSigns } from './vital-signs';

/** Withdrawal scores older than this before the vitals do not count as a withdrawal sign. */
const LATEST_SCORE_WINDOW_HOURS = 24;

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
  set('spo2Scale', dto.spo2Scale);
  set('onSupplementalOxygen', dto.onSupplementalOxygen);
  set('consciousness', dto.consciousness);
  return v;
}

const MEASUREMENTS: (keyof VitalSigns)[] = [
  'heartRate', 'systolicBp', 'diastolicBp', 'respiratoryRate', 'temperatureC', 'spo2', 'onSupplementalOxygen',
  'consciousness',
];

/** Vital signs: validated, scored with NEWS2, checked against the alert rules, stored append-only. */
@Injectable()
export class VitalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly detoxAlerts: DetoxAlertsService,
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
    const news2 = computeNews2(vitals);

    return this.dataSource.transaction(async (manager) => {
      const scope = `POST /patients/${patientId}/vitals`;
      const onReplay = () => this.access.record(access, 'vitals.replay', 'vitals', null, manager);
      return runIdempotent(manager, { userId: user.id, key: idempotencyKey, scope, payload: dto, onReplay }, 201, async () => {
        const episode = await EpisodesService.requireOpenEpisode(manager, patientId);
        const inserted = await manager.insert(VitalSignsReading, {
          patientId, episodeId: episode.id, takenAt,
          heartRate: vitals.heartRate ?? null, systolicBp: vitals.systolicBp ?? null,
          diastolicBp: vitals.diastolicBp ?? null, respiratoryRate: vitals.respiratoryRate ?? null,
          temperatureC: vitals.temperatureC ?? null, spo2: vitals.spo2 ?? null, spo2Scale: vitals.spo2Scale ?? 1,
          onSupplementalOxygen: vitals.onSupplementalOxygen ?? null, consciousness: vitals.consciousness ?? null,
          news2Complete: news2.complete, news2Total: news2.total, news2Risk: news2.risk,
          news2Subscores: news2.subscores, news2Missing: news2.missing, recordedBy: user.id,
        });
        const id = (inserted.identifiers[0] as { id: string }).id;

        const [latest] = (await manager.query(
          `SELECT scale, total FROM withdrawal_assessments
           WHERE episode_id = $1 AND assessed_at <= $2 AND assessed_at > $2::timestamptz - make_interval(hours => $3)
           ORDER BY assessed_at DESC LIMIT 1`,
          [episode.id, takenAt.toISOString(), LATEST_SCORE_WINDOW_HOURS],
        )) as LatestWithdrawalScore[];
        const thresholds = await this.detoxAlerts.thresholds(manager);
        const fired = evaluateVitalsAlerts(vitals, news2, thresholds, latest);
        const alerts = await this.detoxAlerts.raiseForReading(manager, patientId, id, fired, {
          kind: 'vital_signs', takenAt: takenAt.toISOString(), ...vitals,
          news2: { total: news2.total, risk: news2.risk, complete: news2.complete },
        });

        await this.access.record(access, 'vitals.create', 'vitals', id, manager, {
          episodeId: episode.id, news2Risk: news2.risk, alertRules: alerts.map((a) => a.rule),
        });
        return respond(await manager.findOneByOrFail(VitalSignsReading, { id }), alerts);
      });
    });
  }

  /** The flowsheet: sets taken in [from, to), oldest first. */
  async flowsheet(access: PatientAccess, query: TimeRangePageQuery): Promise<Page<VitalSignsReading>> {
    const { patientId } = access;
    const { from, to } = toTimeRange(query);
    const qb = this.dataSource.manager
      .createQueryBuilder(VitalSignsReading, 'v')
      .where('v.patient_id = :patientId', { patientId });
    if (from) qb.andWhere('v.taken_at >= :from', { from });
    if (to) qb.andWhere('v.taken_at < :to', { to });
    const [items, total] = await qb
      .orderBy('v.taken_at', 'ASC')
      .addOrderBy('v.recorded_at', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    await this.access.record(access, 'vitals.read', 'vitals', null, undefined, { count: items.length });
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
