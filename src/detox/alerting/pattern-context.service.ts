import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LatestWithdrawalScore } from './alert-rules';
import type { ObservationSign } from '../observations/observation-signs';
import type { VitalSigns } from '../vitals/vital-signs';

/*
 * What the overdose and withdrawal pattern rules see around one record: the
 * signs observed, the latest vitals and the latest withdrawal score of the
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

  /** The latest set of vitals in (at - hours, at], with its id, or undefined. */
  async latestVitals(
    manager: EntityManager, episodeId: string, at: Date, hours: number,
  ): Promise<{ id: string; vitals: VitalSigns } | undefined> {
    const [row] = (await manager.query(
      `SELECT id, heart_rate AS "heartRate", systolic_bp AS "systolicBp", diastolic_bp AS "diastolicBp",
              respiratory_rate AS "respiratoryRate", temperature_c::float8 AS "temperatureC", spo2,
              on_supplemental_oxygen AS "onSupplementalOxygen", consciousness
       FROM vital_signs
       WHERE episode_id = $1 AND taken_at <= $2 AND taken_at > $2::timestamptz - make_interval(hours => $3)
       ORDER BY taken_at DESC, recorded_at DESC LIMIT 1`,
      [episodeId, at.toISOString(), hours],
    )) as (Record<string, unknown> & { id: string })[];
    if (!row) return undefined;
    const { id, ...values } = row;
    const vitals = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as VitalSigns;
    return { id, vitals };
  }
}
