import type { EntityManager } from 'typeorm';
import type { AnalyteResult } from '../check-in-rules';
import { unexpectedPositives } from '../check-in-rules';
import type { CheckInResponse } from './dto/check-in.dto';

/** Reads check-ins with their screen results (raw SQL: the aftercare tables have no entities). */

interface CheckInRow extends Omit<CheckInResponse, 'drugScreen'> {
  screenCollectedAt: Date | null;
  screenSpecimen: string | null;
}

export async function readCheckIns(manager: EntityManager, patientId: string, ids?: string[]): Promise<CheckInResponse[]> {
  const rows = (await manager.query(
    `SELECT id, patient_id AS "patientId", follow_up_id AS "followUpId", checked_in_at AS "checkedInAt",
            contact_method AS "contactMethod", status, days_used_last_30 AS "daysUsedLast30", craving,
            group_meetings_attended AS "groupMeetingsAttended", employment, housing, note,
            screen_collected_at AS "screenCollectedAt", screen_specimen AS "screenSpecimen",
            recorded_by AS "recordedBy", recorded_at AS "recordedAt"
     FROM check_ins WHERE patient_id = $1 AND ($2::uuid[] IS NULL OR id = ANY ($2::uuid[]))
     ORDER BY checked_in_at DESC, id`,
    [patientId, ids ?? null],
  )) as CheckInRow[];
  const results = (await manager.query(
    `SELECT check_in_id AS "checkInId", analyte, result, expected FROM drug_screen_results
     WHERE check_in_id = ANY ($1::uuid[]) ORDER BY analyte`,
    [rows.map((r) => r.id)],
  )) as (AnalyteResult & { checkInId: string })[];
  return rows.map(({ screenCollectedAt, screenSpecimen, ...row }) => {
    const mine = results.filter((r) => r.checkInId === row.id).map(({ analyte, result, expected }) => ({ analyte, result, expected }));
    return {
      ...row,
      drugScreen: screenCollectedAt && screenSpecimen
        ? { collectedAt: screenCollectedAt, specimen: screenSpecimen, results: mine, unexpectedPositives: unexpectedPositives(mine) }
        : null,
    };
  });
}
