import type { SqlQuery } from '../../database/sql-query';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import type { SessionStatus } from './entities/session.entity';
import type { SessionKind } from '../session-kinds';

export interface SessionFilter {
  clinicianId?: string;
  patientId?: string;
  roomId?: string;
  from: Date;
  to: Date;
  status?: SessionStatus;
  kind?: SessionKind;
  limit: number;
  offset: number;
}

/** `$1` is always the reader's user id. */
export const VIEW_SELECT = `
  SELECT s.id, s.kind, s.starts_at, s.ends_at, s.room_id, r.name AS room_name, s.series_id, s.status,
    s.cancelled_by, s.cancel_reason, s.cancelled_at, s.version, s.created_at, s.updated_at,
    ARRAY(SELECT sc.clinician_id::text FROM session_clinicians sc WHERE sc.session_id = s.id
          ORDER BY sc.clinician_id) AS clinician_ids,
    ARRAY(SELECT sp.patient_id::text FROM session_patients sp WHERE sp.session_id = s.id
          AND ${PatientAccessService.scopeSql('sp.patient_id', '$1::uuid')} ORDER BY sp.patient_id) AS visible_patient_ids,
    (SELECT count(*)::int FROM session_patients sp WHERE sp.session_id = s.id) AS patient_count
  FROM sessions s LEFT JOIN rooms r ON r.id = s.room_id`;

/**
 * No session lasts more than 12 hours (CHECK sessions_period_check), so a
 * session overlapping [from, to) starts after from - 12 h: that lower bound
 * turns "ends after from" into an index range on the start instead of a scan
 * of every earlier session. Bookings mirror their session's period (trigger
 * session_booking_mirror), so the same bound applies to lower(period).
 */
const LONGEST_SESSION = `interval '12 hours'`;

/**
 * The calendar's two statements (total count and one page) for sessions
 * overlapping [from, to) matching every given filter. A clinician or patient
 * filter is driven from its bookings' (person, lower(period)) index.
 */
export function sessionListQueries(readerId: string, f: SessionFilter): { count: SqlQuery; page: SqlQuery } {
  const params: unknown[] = [readerId, f.from, f.to];
  const where = [`s.ends_at > $2`, `s.starts_at < $3`, `s.starts_at > $2::timestamptz - ${LONGEST_SESSION}`];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  const booked = (table: string, column: string) => (p: string) =>
    `s.id IN (SELECT x.session_id FROM ${table} x WHERE x.${column} = ${p}::uuid
       AND lower(x.period) > $2::timestamptz - ${LONGEST_SESSION} AND lower(x.period) < $3)`;
  if (f.clinicianId) add(booked('session_clinicians', 'clinician_id'), f.clinicianId);
  if (f.patientId) add(booked('session_patients', 'patient_id'), f.patientId);
  if (f.roomId) add((p) => `s.room_id = ${p}::uuid`, f.roomId);
  if (f.status) add((p) => `s.status = ${p}`, f.status);
  if (f.kind) add((p) => `s.kind = ${p}`, f.kind);
  const condition = where.join(' AND ');
  return {
    count: { sql: `SELECT count(*)::int AS n FROM sessions s WHERE $1::uuid IS NOT NULL AND ${condition}`, params },
    page: {
      sql: `${VIEW_SELECT} WHERE ${condition} ORDER BY s.starts_at, s.id LIMIT ${Number(f.limit)} OFFSET ${Number(f.offset)}`,
      params,
    },
  };
}
