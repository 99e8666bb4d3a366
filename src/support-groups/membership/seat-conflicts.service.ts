import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A session the patient is booked into during one of the group's meetings still ahead. */
export interface SeatConflict {
  meetingId: string;
  sessionId: string;
  resource: 'patient';
  resourceId: string;
}

/**
 * The patient's active sessions (view patient_session_bookings) that overlap
 * the group's scheduled meetings not yet over, i.e. what a seat taken now
 * would double-book. Takes the patient's booking lock first (migration
 * 1766000000000), so no session booking for them commits between this check
 * and the seat; the membership trigger refuses the seat all the same.
 */
@Injectable()
export class SeatConflicts {
  async lockedFor(m: EntityManager, groupId: string, patientId: string): Promise<SeatConflict[]> {
    await m.query(`SELECT lock_patient_bookings($1)`, [patientId]);
    const rows = (await m.query(
      `SELECT mt.id::text AS meeting_id, b.session_id::text AS session_id
       FROM support_group_meetings mt
       JOIN patient_session_bookings b ON b.patient_id = $2 AND b.period && tstzrange(mt.starts_at, mt.ends_at, '[)')
       WHERE mt.group_id = $1 AND mt.status = 'scheduled' AND mt.ends_at > clock_timestamp()
       ORDER BY mt.starts_at, b.session_id`,
      [groupId, patientId],
    )) as { meeting_id: string; session_id: string }[];
    return rows.map((r) => ({ meetingId: r.meeting_id, sessionId: r.session_id, resource: 'patient', resourceId: patientId }));
  }
}
