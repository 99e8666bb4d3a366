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

/** Reads, inside the caller's transaction, what the pattern rules need around one record. */
@Injectable()
export class PatternContextService {
  /** Distinct signs observed present in (at - hours, at], leaving out one observation when asked. */
  async recentObservedSigns(
    manager: EntityManager, episodeId: string, at: Date, hours: number, exceptObservationId: string | null = null,
  ): Promise<ObservationSign[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT s.sign FROM observation_signs s JOIN observations o ON o.id = s.observation_id
       WHERE o.episode_id = $1 AND s.present AND o.observed_at <= $2
         AND o.observed_at > $2::timestamptz - make_interval(hours => $3)
         AND o.id IS DISTINCT FROM $4::uuid
       ORDER BY s.sign`,
      [episodeId, at.toISOString(), hours, exceptObservationId],
    )) as { sign: ObservationSign }[];
    return rows.map((r) => r.sign);
  }

  /** The latest CIWA-Ar or COWS score at or before `at`, within 24 hours. */
  async latestWithdrawalScore(
    manager: EntityManager, episodeId: string, at: Date,
  ): Promise<LatestWithdrawalScore | undefined> {
    const [latest] = (await manager.query(
      `SELECT scale, total FROM withdrawal_assessments
       WHERE episode_id = $1 AND assessed_at <= $2 AND assessed_at > $2::timestamptz - make_interval(hours => $3)
       ORDER BY assessed_at DESC LIMIT 1`,
      [episodeId, at.toISOString(), LATEST_SCORE_WINDOW_HOURS],
    )) as LatestWithdrawalScore[];
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
