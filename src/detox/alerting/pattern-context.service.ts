import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LatestWithdrawalScore } from './alert-rules';
import type { ObservationSign } from '../observations/observation-signs';
import type { VitalSigns } from '../vitals/vital-signs';

/*
 * What the overdose and withdrawal pattern rules see around one record: the
 * signs observed, the latest value of each vital sign and the latest withdrawal score of the
 * same episode in the hours before it (DOMAIN.md: danger signs are patterns
 * across vitals and observed signs, not one reading alone).
 */

/** Withdrawal scores older than this before the record do not count as a withdrawal sign. */
const LATEST_SCORE_WINDOW_HOURS = 24;

/**
 * SQL of the distinct signs observed present in (at - hours, at] of an episode,
 * leaving out one observation (or none when `except` is NULL); the arguments are
 * SQL expressions, e.g. parameters.
 */
export function observedSignsSql(episode: string, at: string, hours: string, except: string): string {
  return `SELECT DISTINCT s.sign FROM observation_signs s JOIN observations o ON o.id = s.observation_id
       WHERE o.episode_id = ${episode} AND s.present AND o.observed_at <= ${at}::timestamptz
         AND o.observed_at > ${at}::timestamptz - make_interval(hours => ${hours}::int)
         AND o.id IS DISTINCT FROM ${except}::uuid
       ORDER BY s.sign`;
}

/** SQL of an episode's latest CIWA-Ar or COWS score (scale, total) at or before `at`, within 24 hours. */
export function latestWithdrawalScoreSql(episode: string, at: string): string {
  return `SELECT scale, total FROM withdrawal_assessments
       WHERE episode_id = ${episode} AND assessed_at <= ${at}::timestamptz
         AND assessed_at > ${at}::timestamptz - interval '${LATEST_SCORE_WINDOW_HOURS} hours'
       ORDER BY assessed_at DESC LIMIT 1`;
}

/** Pattern parameters (column, JSON name) taken from earlier sets in the window. */
const PATTERN_COLUMNS: [column: string, name: keyof VitalSigns][] = [
  ['heart_rate', 'heartRate'], ['systolic_bp', 'systolicBp'], ['diastolic_bp', 'diastolicBp'],
  ['respiratory_rate', 'respiratoryRate'], ['temperature_c::float8', 'temperatureC'], ['spo2', 'spo2'],
  ['consciousness', 'consciousness'],
];

/** SQL of a JSON object: per parameter, its latest non-null value in the episode's sets taken in (at - hours, at]. */
export function recentVitalsSql(patient: string, episode: string, at: string, hours: string): string {
  const latest = ([column, name]: [string, string]) => {
    const bare = column.replace('::float8', '');
    return `'${name}', (array_agg(r.${column} ORDER BY r.taken_at DESC, r.recorded_at DESC) FILTER (WHERE r.${bare} IS NOT NULL))[1]`;
  };
  return `SELECT json_strip_nulls(json_build_object(${PATTERN_COLUMNS.map(latest).join(', ')}))
    FROM vital_signs r WHERE r.patient_id = ${patient} AND r.episode_id = ${episode}
      AND r.taken_at <= ${at}::timestamptz AND r.taken_at > ${at}::timestamptz - make_interval(hours => ${hours}::int)`;
}

/** Reads, inside the caller's transaction, what the pattern rules need around one record. */
@Injectable()
export class PatternContextService {
  /** Distinct signs observed present in (at - hours, at], leaving out one observation when asked. */
  async recentObservedSigns(
    manager: EntityManager, episodeId: string, at: Date, hours: number, exceptObservationId: string | null = null,
  ): Promise<ObservationSign[]> {
    const rows = (await manager.query(
      observedSignsSql('$1', '$2', '$3', '$4'),
      [episodeId, at.toISOString(), hours, exceptObservationId],
    )) as { sign: ObservationSign }[];
    return rows.map((r) => r.sign);
  }

  /** The latest CIWA-Ar or COWS score at or before `at`, within 24 hours. */
  async latestWithdrawalScore(
    manager: EntityManager, episodeId: string, at: Date,
  ): Promise<LatestWithdrawalScore | undefined> {
    const [latest] = (await manager.query(latestWithdrawalScoreSql('$1', '$2'), [
      episodeId, at.toISOString(),
    ])) as LatestWithdrawalScore[];
    return latest;
  }

  /** The latest value of each vital sign taken in (at - hours, at] in the episode ({} when none). */
  async recentVitals(manager: EntityManager, patientId: string, episodeId: string, at: Date, hours: number): Promise<VitalSigns> {
    const [row] = (await manager.query(`SELECT (${recentVitalsSql('$1::uuid', '$2::uuid', '$3', '$4')}) AS vitals`, [
      patientId, episodeId, at.toISOString(), hours,
    ])) as { vitals: VitalSigns | null }[];
    return row?.vitals ?? {};
  }
}
