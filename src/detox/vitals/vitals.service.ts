import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Alert } from '../../platform/alerts/entities/alert.entity';
import { type IdempotentOutcome, runIdempotent } from '../../platform/idempotency/idempotency';
import type { SqlQuery } from '../../common/sql-query';
import { type AuditEntry, auditedRead, auditInsert } from '../../platform/audit/audit.service';
import { isoInstantSql, jsonArraySql, type JsonFields, jsonRecordSql } from '../../common/json-sql';
import type { DetoxAlert, LatestWithdrawalScore } from '../alerting/alert-rules';
import { latestWithdrawalScoreSql, observedSignsSql, recentVitalsSql } from '../alerting/pattern-context.service';
import type { ObservationSign } from '../observations/observation-signs';
import { ValidationFailed } from '../../common/problem/domain-error';
import { type PatientAccess, PatientAccessService } from '../../patients/access/patient-access.service';
import { SettingsService } from '../../platform/settings/settings.service';
import { PreparedQueries } from '../../platform/sql/prepared-queries.service';
import { evaluateVitalsAlerts } from '../alerting/alert-rules';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import { PATTERN_WINDOW } from '../detox-settings';
import { type TimeRange, toTimeRange } from '../../common/http/time-range';
import type { TimeRangePageQuery } from '../../common/http/time-range.dto';
import type { RecordVitalsDto } from './dto/vitals.dto';
import { VitalSignsReading } from './entities/vital-signs-reading.entity';
import { noOpenEpisode } from '../episodes/episodes.service';
import { observationsJsonSql } from '../observations/observations.service';
import { computeNews2 } from './news2';
import { checkNotBeforeEpisode, checkNotInFuture } from '../../common/recorded-time';
import { checkPlausible, type VitalSigns } from './vital-signs';

/** What recording one set of vitals needs to know first. */
export interface VitalsContext {
  episodeId: string;
  /** When that episode started: a reading from before it is refused. */
  episodeStartedAt: Date;
  /** The SpO2 scale prescribed for the patient (1 when none was). */
  spo2Scale: 1 | 2;
  latest: LatestWithdrawalScore | undefined;
  observedSigns: ObservationSign[];
  /** The latest value of each vital sign taken in the pattern window before this set. */
  recentVitals: VitalSigns;
}

/**
 * In one round trip: the patient's open episode, the SpO2 scale in force, and
 * what the pattern rules see around `takenAt` (latest withdrawal score,
 * signs observed in the pattern window). No row: no open episode.
 */
export function vitalsContextQuery(patientId: string, takenAt: Date, patternHours: number): SqlQuery {
  return {
    sql: `SELECT e.id AS "episodeId", e.started_at AS "episodeStartedAt",
        COALESCE((SELECT p.scale FROM spo2_scale_prescriptions p WHERE p.patient_id = e.patient_id
                  ORDER BY p.prescribed_at DESC, p.id DESC LIMIT 1), 1)::int AS "spo2Scale",
        (SELECT row_to_json(w) FROM (${latestWithdrawalScoreSql('e.id', '$2')}) w) AS latest,
        ARRAY(${observedSignsSql('e.id', '$2', '$3', 'NULL')}) AS "observedSigns",
        (${recentVitalsSql('e.patient_id', 'e.id', '$2', '$3')}) AS "recentVitals"
      FROM detox_episodes e WHERE e.patient_id = $1 AND e.ended_at IS NULL`,
    params: [patientId, takenAt.toISOString(), patternHours],
  };
}

type VitalsContextRow = Omit<VitalsContext, 'latest' | 'recentVitals'> & { latest: LatestWithdrawalScore | null; recentVitals: VitalSigns | null };

export function toVitalsContext(row: VitalsContextRow | undefined): VitalsContext | undefined {
  return row ? { ...row, latest: row.latest ?? undefined, recentVitals: row.recentVitals ?? {} } : undefined;
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

/** A set of vitals scored and checked, ready to be written. */
interface PreparedReading {
  vitals: VitalSigns;
  news2: ReturnType<typeof computeNews2>;
  fired: DetoxAlert[];
  reading: Omit<VitalSignsReading, 'recordedAt'>;
  audit: AuditEntry;
}

/** A reading (`v`) as VitalsResponse writes it. */
const READING_JSON: JsonFields = [
  ['id', 'v.id'], ['patientId', 'v.patient_id'], ['episodeId', 'v.episode_id'], ['takenAt', isoInstantSql('v.taken_at')],
  ['heartRate', 'v.heart_rate'], ['systolicBp', 'v.systolic_bp'], ['diastolicBp', 'v.diastolic_bp'],
  ['respiratoryRate', 'v.respiratory_rate'], ['temperatureC', 'v.temperature_c::float8'], ['spo2', 'v.spo2'],
  ['spo2Scale', 'v.spo2_scale'], ['onSupplementalOxygen', 'v.on_supplemental_oxygen'], ['consciousness', 'v.consciousness'],
  ['news2', jsonRecordSql([
    ['complete', 'v.news2_complete'], ['total', 'v.news2_total'], ['risk', 'v.news2_risk'],
    ['subscores', 'v.news2_subscores'], ['missing', 'v.news2_missing'],
  ])],
  ['recordedBy', 'v.recorded_by'], ['recordedAt', isoInstantSql('v.recorded_at')],
];

/**
 * A patient's flowsheet in [from, to) and its audit event in one statement,
 * answering with the VitalsPage JSON text: one page of readings oldest first
 * (through the (patient_id, taken_at) index), the total, and the observations
 * of the same period. The event counts the readings and observations sent.
 * Exported so the benchmark EXPLAINs it.
 */
export function flowsheetQuery(
  patientId: string, range: TimeRange, page: { limit: number; offset: number }, audit: AuditEntry,
): SqlQuery {
  const { params, conditions } = flowsheetRange(patientId, range, page.limit);
  const on = (alias: string) => conditions.replaceAll('{at}', `${alias}.taken_at`);
  const offset = `$${params.push(page.offset)}`;
  // LIMIT types $2 as bigint; the answer's own copies of limit and offset are integers.
  const answerLimit = `$${params.push(page.limit)}::int`;
  const answerOffset = `$${params.push(page.offset)}::int`;
  return auditedRead({
    ctes: `page AS (SELECT v.* FROM vital_signs v WHERE v.patient_id = $1${on('v')}
        ORDER BY v.taken_at, v.recorded_at, v.id LIMIT $2 OFFSET ${offset}),
      observed AS (SELECT ${observationsJsonSql(conditions, '$2')} AS list)`,
    params,
    answer: `SELECT row_to_json(${jsonRecordSql([
      ['items', jsonArraySql(jsonRecordSql(READING_JSON), 'page v', ['v.taken_at', 'v.recorded_at', 'v.id'])],
      ['total', `(SELECT count(*) FROM vital_signs c WHERE c.patient_id = $1${on('c')})::int`],
      ['limit', answerLimit], ['offset', answerOffset], ['observations', '(SELECT list FROM observed)'],
    ])})::text AS body`,
  }, audit, `jsonb_build_object('count', (SELECT count(*) FROM page),
      'observations', (SELECT json_array_length(list) FROM observed))`);
}

/** Parameters $1 patient, $2 limit, then the range's bounds; conditions on `{at}`. */
function flowsheetRange(patientId: string, { from, to }: TimeRange, limit: number): { params: unknown[]; conditions: string } {
  const params: unknown[] = [patientId, limit];
  let conditions = '';
  if (from) conditions += ` AND {at} >= $${params.push(from)}`;
  if (to) conditions += ` AND {at} < $${params.push(to)}`;
  return { params, conditions };
}

/** Vital signs: validated, scored with NEWS2, checked against the alert rules, stored append-only. */
@Injectable()
export class VitalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly detoxAlerts: DetoxAlertsService,
    private readonly settings: SettingsService,
    private readonly prepared: PreparedQueries,
  ) {}

  /**
   * Records one set. `respond` shapes the answer inside the transaction, so an
   * Idempotency-Key retry gets exactly the first answer back. A set that fires
   * no alert and carries no key is one statement (reading and audit event
   * together) after the context read; otherwise one transaction does it all.
   */
  async record<R>(
    access: PatientAccess,
    dto: RecordVitalsDto,
    idempotencyKey: string | undefined,
    respond: (reading: VitalSignsReading, alerts: Alert[]) => R,
  ): Promise<IdempotentOutcome<R>> {
    const vitals = vitalSignsOf(dto);
    const takenAt = new Date(dto.takenAt);
    const errors = checkPlausible(vitals);
    const future = checkNotInFuture('takenAt', takenAt, new Date());
    if (future) errors.push(future);
    if (!MEASUREMENTS.some((key) => vitals[key] !== undefined)) {
      errors.push({ field: 'measurements', message: 'at least one vital sign is required' });
    }
    if (errors.length > 0) throw new ValidationFailed(errors);

    if (idempotencyKey === undefined) {
      const prepared = await this.prepare(this.dataSource.manager, access, vitals, takenAt);
      const body = prepared.fired.length === 0
        ? respond(await this.store(this.dataSource.manager, prepared), [])
        : await this.dataSource.transaction((manager) => this.storeWithAlerts(manager, prepared, respond));
      return { status: 201, body, replayed: false };
    }
    return this.dataSource.transaction(async (manager) => {
      const scope = `POST /patients/${access.patientId}/vitals`;
      const onReplay = () => this.access.record(access, 'vitals.replay', 'vitals', null, manager);
      return runIdempotent(manager, { userId: access.user.id, key: idempotencyKey, scope, payload: dto, onReplay }, 201, async () =>
        this.storeWithAlerts(manager, await this.prepare(manager, access, vitals, takenAt), respond));
    });
  }

  /** Reads the context (one round trip), scores NEWS2, evaluates the alert rules and builds the rows to write. */
  private async prepare(manager: EntityManager, access: PatientAccess, vitals: VitalSigns, takenAt: Date): Promise<PreparedReading> {
    const { user, patientId } = access;
    const { hours } = await this.settings.get(PATTERN_WINDOW, manager);
    const thresholds = await this.detoxAlerts.thresholds(manager);
    const context = vitalsContextQuery(patientId, takenAt, hours);
    const found = toVitalsContext((await this.queryIn<VitalsContextRow>(manager, context))[0]);
    if (!found) throw noOpenEpisode();
    const beforeEpisode = checkNotBeforeEpisode('takenAt', takenAt, found.episodeStartedAt);
    if (beforeEpisode) throw new ValidationFailed([beforeEpisode]);
    const { episodeId, spo2Scale, latest, observedSigns, recentVitals } = found;
    const news2 = computeNews2({ ...vitals, spo2Scale });
    const fired = evaluateVitalsAlerts(vitals, news2, thresholds, { latest, observedSigns, recentVitals });
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
    return { vitals, news2, fired, reading, audit };
  }

  /** The reading and its audit event in one statement; the stored reading. */
  private async store(manager: EntityManager, { reading, audit }: PreparedReading): Promise<VitalSignsReading> {
    const [stored] = await this.queryIn<{ recordedAt: Date }>(manager, insertVitalsWithAudit(reading, audit));
    return Object.assign(new VitalSignsReading(), reading, { recordedAt: (stored as { recordedAt: Date }).recordedAt });
  }

  /** A statement in the transaction of `manager`, or on its own as a prepared statement. */
  private async queryIn<T>(manager: EntityManager, query: SqlQuery): Promise<T[]> {
    if (manager === this.dataSource.manager) return this.prepared.query<T>(query);
    return (await manager.query(query.sql, query.params)) as T[];
  }

  private async storeWithAlerts<R>(
    manager: EntityManager, prepared: PreparedReading, respond: (reading: VitalSignsReading, alerts: Alert[]) => R,
  ): Promise<R> {
    const { vitals, news2, fired, reading } = prepared;
    const stored = await this.store(manager, prepared);
    const alerts = await this.detoxAlerts.raiseForReading(manager, reading.patientId, reading.id, fired, {
      kind: 'vital_signs', takenAt: reading.takenAt.toISOString(), ...vitals,
      news2: { total: news2.total, risk: news2.risk, complete: news2.complete },
    });
    return respond(stored, alerts);
  }

  /**
   * The flowsheet as VitalsPage JSON text: sets taken in [from, to), oldest
   * first, and the signs observed in the same period (oldest first, at most `limit`).
   */
  async flowsheet(access: PatientAccess, query: TimeRangePageQuery): Promise<string> {
    const audit = PatientAccessService.auditEntry(access, 'vitals.read', 'vitals', null);
    const [row] = await this.prepared.query<{ body: string }>(flowsheetQuery(access.patientId, toTimeRange(query), query, audit));
    return (row as { body: string }).body;
  }
}
