import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AttendanceStatus, IopSession } from './iop-weeks';

/** Reads a patient's sessions and attendance as iop-weeks.ts counts them (IOP hours and the shortfall job). */
@Injectable()
export class IopAttendanceReader {
  /** Sessions starting in [from, to) with the patient's attendance. */
  async sessions(manager: EntityManager, patientId: string, from: Date, to: Date): Promise<IopSession[]> {
    const rows = (await manager.query(
      `SELECT s.starts_at, s.ends_at, s.status, a.status AS attendance, a.minutes_attended
       FROM session_patients sp JOIN sessions s ON s.id = sp.session_id
       LEFT JOIN session_attendance a ON a.session_id = sp.session_id AND a.patient_id = sp.patient_id
       WHERE sp.patient_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3`,
      [patientId, from, to],
    )) as {
      starts_at: Date;
      ends_at: Date;
      status: 'scheduled' | 'cancelled';
      attendance: AttendanceStatus | null;
      minutes_attended: number | null;
    }[];
    return rows.map((r) => ({
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      ...(r.status === 'cancelled'
        ? { attendance: { status: 'cancelled' as const } }
        : r.attendance
          ? { attendance: { status: r.attendance, ...(r.minutes_attended !== null ? { minutesAttended: r.minutes_attended } : {}) } }
          : {}),
    }));
  }
}
