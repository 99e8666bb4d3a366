import type { SqlQuery } from '../../database/sql-query';
import { type AuditEntry, auditInsert } from '../../platform/audit/audit.service';
import type { LatestWithdrawalScore } from '../alerting/alert-rules';
import { latestWithdrawalScoreSql, observedSignsSql } from '../alerting/pattern-context.service';
import type { ObservationSign } from '../observations/observation-signs';
import type { VitalSignsReading } from './entities/vital-signs-reading.entity';

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
