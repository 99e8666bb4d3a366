import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface GroupAttendanceSince {
  /** Group meetings a facilitator recorded the patient present or late at. */
  verified: number;
  /** Outside community meetings the patient reported. */
  selfReported: number;
}

/**
 * Support-group attendance since the patient's previous check-in (or since the aftercare start),
 * up to this check-in, read from support-groups' published view `patient_group_attendance`
 * (aftercare never imports support-groups code). Self-reports carry only a date, so they count
 * from the day after the previous check-in's program-zone date.
 */
@Injectable()
export class CheckInGroupAttendanceService {
  async since(manager: EntityManager, patientId: string, checkedInAt: Date, zone: string): Promise<GroupAttendanceSince> {
    const [row] = (await manager.query(
      `WITH since AS (
         SELECT coalesce(prev.checked_in_at, (p.start_date::timestamp AT TIME ZONE $3)) AS at,
                coalesce((prev.checked_in_at AT TIME ZONE $3)::date, p.start_date - 1) AS day
         FROM aftercare_plans p
         LEFT JOIN LATERAL (
           SELECT checked_in_at FROM check_ins c WHERE c.patient_id = p.patient_id AND c.checked_in_at < $2
           ORDER BY checked_in_at DESC LIMIT 1
         ) prev ON true
         WHERE p.patient_id = $1
       )
       SELECT count(*) FILTER (WHERE NOT a.self_reported)::int AS verified,
              count(*) FILTER (WHERE a.self_reported)::int AS "selfReported"
       FROM patient_group_attendance a, since
       WHERE a.patient_id = $1 AND CASE WHEN a.self_reported
         THEN a.occurred_on > since.day AND a.occurred_on <= ($2::timestamptz AT TIME ZONE $3)::date
         ELSE a.status IN ('present', 'late') AND a.occurred_at > since.at AND a.occurred_at <= $2 END`,
      [patientId, checkedInAt, zone],
    )) as GroupAttendanceSince[];
    return row ?? { verified: 0, selfReported: 0 };
  }
}
