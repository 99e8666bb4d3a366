import type { EntityManager } from 'typeorm';
import { followUpTiming } from '../follow-up-state';
import type { FollowUpResponse, FollowUpStatus } from './dto/follow-up.dto';

/** Raw follow-up rows (the aftercare tables have no entities) and their API shape. */
export interface FollowUpRow {
  id: string;
  patientId: string;
  dueDate: string;
  status: FollowUpStatus;
  offsetDays: number | null;
  checkInId: string | null;
  changeReason: string | null;
  closedAt: Date | null;
}

export const FOLLOW_UP_COLUMNS = `f.id, f.patient_id AS "patientId", f.due_date::text AS "dueDate", f.status,
  f.offset_days AS "offsetDays", f.check_in_id AS "checkInId", f.change_reason AS "changeReason", f.closed_at AS "closedAt"`;

export function followUpResponse(row: FollowUpRow, today: string, graceDays: number): FollowUpResponse {
  return { ...row, timing: row.status === 'open' ? followUpTiming(row.dueDate, today, graceDays) : null };
}

export async function findFollowUp(
  manager: EntityManager, patientId: string, followUpId: string, lock = false,
): Promise<FollowUpRow | null> {
  const [row] = (await manager.query(
    `SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups f WHERE f.id = $1 AND f.patient_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [followUpId, patientId],
  )) as FollowUpRow[];
  return row ?? null;
}
