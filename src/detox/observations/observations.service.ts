import type { FieldError } from '../../common/field-error';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Alert } from '../../platform/alerts/entities/alert.entity';
import type { Page } from '../../common/http/pagination';
import { toTimeRange } from '../../common/http/time-range';
import { isoInstantSql, jsonArraySql, jsonRecordSql } from '../../common/json-sql';
import { ValidationFailed } from '../../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { SettingsService } from '../../platform/settings/settings.service';
import { evaluateObservedSignAlerts, evaluatePatternAlerts, type DetoxAlert } from '../alerting/alert-rules';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import { PATTERN_WINDOW } from '../detox-settings';
import type { RecordObservationDto } from './dto/observation.dto';
import type { TimeRangePageQuery } from '../../common/http/time-range.dto';
import { ObservationSignEntry } from './entities/observation-sign.entity';
import { Observation } from './entities/observation.entity';
import { EpisodesService } from '../episodes/episodes.service';
import type { ObservationSign } from './observation-signs';
import { PatternContextService } from '../alerting/pattern-context.service';
import { checkNotInFuture } from '../../common/recorded-time';

export interface RecordedObservation {
  observation: Observation;
  signs: ObservationSignEntry[];
  alerts: Alert[];
}

function checkSigns(dto: RecordObservationDto): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  dto.signs.forEach((s, i) => {
    if (seen.has(s.sign)) errors.push({ field: `signs.${i}.sign`, message: `${s.sign} appears more than once` });
    seen.add(s.sign);
    if (!s.present && s.severity !== undefined) {
      errors.push({ field: `signs.${i}.severity`, message: 'is only recorded for a present sign' });
    }
  });
  return errors;
}

/** Observed signs during detox: stored append-only, alerted on their own and together with recent vitals. */
@Injectable()
export class ObservationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly detoxAlerts: DetoxAlertsService,
    private readonly settings: SettingsService,
    private readonly context: PatternContextService,
  ) {}

  record(access: PatientAccess, dto: RecordObservationDto): Promise<RecordedObservation> {
    const { user, patientId } = access;
    const observedAt = new Date(dto.observedAt);
    const errors = checkSigns(dto);
    const future = checkNotInFuture('observedAt', observedAt, new Date());
    if (future) errors.push(future);
    if (errors.length > 0) throw new ValidationFailed(errors);

    return this.dataSource.transaction(async (manager) => {
      const episode = await EpisodesService.requireOpenEpisodeAt(manager, patientId, 'observedAt', observedAt);
      const inserted = await manager.insert(Observation, { patientId, episodeId: episode.id, observedAt, recordedBy: user.id });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await manager.insert(ObservationSignEntry, dto.signs.map((s) => ({
        observationId: id, sign: s.sign, present: s.present, severity: s.severity ?? null, note: s.note ?? null,
      })));
      const present = dto.signs.filter((s) => s.present).map((s) => s.sign);

      const patterns = await this.newPatterns(manager, patientId, episode.id, id, observedAt, present);
      const fired = [...evaluateObservedSignAlerts(present), ...patterns];
      const alerts = await this.detoxAlerts.raiseForReading(manager, patientId, id, fired, {
        kind: 'observation', observedAt: observedAt.toISOString(), present,
      });
      await this.access.record(access, 'observation.create', 'observation', id, manager, {
        episodeId: episode.id, alertRules: alerts.map((a) => a.rule),
      });
      const observation = await manager.findOneByOrFail(Observation, { id });
      return { observation, signs: await manager.findBy(ObservationSignEntry, { observationId: id }), alerts };
    });
  }

  /**
   * The overdose and withdrawal patterns this observation completes: evaluated
   * over the latest value of each vital sign in the window and the signs observed in the pattern window, with
   * and without this observation's signs; only the rules it newly fires count.
   */
  private async newPatterns(
    manager: EntityManager, patientId: string, episodeId: string, observationId: string, at: Date, present: readonly ObservationSign[],
  ): Promise<DetoxAlert[]> {
    if (present.length === 0) return [];
    const { hours } = await this.settings.get(PATTERN_WINDOW, manager);
    const thresholds = await this.detoxAlerts.thresholds(manager);
    const withThis = await this.context.recentObservedSigns(manager, episodeId, at, hours);
    const others = await this.context.recentObservedSigns(manager, episodeId, at, hours, observationId);
    const vitals = await this.context.recentVitals(manager, patientId, episodeId, at, hours);
    const latest = await this.context.latestWithdrawalScore(manager, episodeId, at);
    const before = new Set(evaluatePatternAlerts(vitals, thresholds, { latest, observedSigns: others }).map((a) => a.rule));
    return evaluatePatternAlerts(vitals, thresholds, { latest, observedSigns: withThis }).filter((a) => !before.has(a.rule));
  }

  async list(access: PatientAccess, query: TimeRangePageQuery): Promise<Page<RecordedSigns>> {
    const page = await ObservationsService.between(this.dataSource.manager, access.patientId, query);
    await this.access.record(access, 'observation.read', 'observation', null, undefined, { count: page.items.length });
    return page;
  }

  /** Observations in [from, to), oldest first, each with its signs (the caller holds the access proof and audits). */
  static async between(manager: EntityManager, patientId: string, query: TimeRangePageQuery): Promise<Page<RecordedSigns>> {
    const { from, to } = toTimeRange(query);
    const qb = manager.createQueryBuilder(Observation, 'o').where('o.patient_id = :patientId', { patientId });
    if (from) qb.andWhere('o.observed_at >= :from', { from });
    if (to) qb.andWhere('o.observed_at < :to', { to });
    const [observations, total] = await qb
      .orderBy('o.observed_at', 'ASC').addOrderBy('o.id', 'ASC').take(query.limit).skip(query.offset).getManyAndCount();
    const signs = observations.length === 0
      ? []
      : await manager.find(ObservationSignEntry, { where: { observationId: In(observations.map((o) => o.id)) }, order: { sign: 'ASC' } });
    const items = observations.map((observation) => ({
      observation, signs: signs.filter((s) => s.observationId === observation.id),
    }));
    return { items, total, limit: query.limit, offset: query.offset };
  }
}

/**
 * SQL of the JSON array of the observations of patient `$1` in the range whose
 * conditions are given, oldest first, at most `limitParam`, each with its
 * signs, exactly as ObservationResponse writes them: the flowsheet answers
 * with them from the same statement as its vitals.
 */
export function observationsJsonSql(rangeConditions: string, limitParam: string): string {
  const signs = jsonArraySql(
    jsonRecordSql([['sign', 's.sign'], ['present', 's.present'], ['severity', 's.severity'], ['note', 's.note']]),
    'observation_signs s WHERE s.observation_id = o.id', ['s.sign'],
  );
  return jsonArraySql(jsonRecordSql([
    ['id', 'o.id'], ['patientId', 'o.patient_id'], ['episodeId', 'o.episode_id'], ['observedAt', isoInstantSql('o.observed_at')],
    ['signs', signs], ['recordedBy', 'o.recorded_by'], ['recordedAt', isoInstantSql('o.recorded_at')],
  ]), `(SELECT * FROM observations o WHERE o.patient_id = $1${rangeConditions.replaceAll('{at}', 'o.observed_at')}
      ORDER BY o.observed_at, o.id LIMIT ${limitParam}) o`, ['o.observed_at', 'o.id']);
}

export interface RecordedSigns {
  observation: Observation;
  signs: ObservationSignEntry[];
}
