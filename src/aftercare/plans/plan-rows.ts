import type { EntityManager } from 'typeorm';
import type { PlanContentDto, PlanFollowUp, PlanResponse, PlanVersionResponse } from './dto/plan.dto';

/** Reads of the aftercare tables shared by the plan use cases (raw SQL: the tables have no entities). */

export interface PlanRow {
  id: string;
  patientId: string;
  startDate: string;
  content: PlanContentDto;
  optedOutOn: string | null;
  scheduleResumedOn: string;
  version: number;
  updatedAt: Date;
}

const PLAN_COLUMNS = `id, patient_id AS "patientId", start_date::text AS "startDate", content,
  opted_out_on::text AS "optedOutOn", schedule_resumed_on::text AS "scheduleResumedOn", version, updated_at AS "updatedAt"`;

export async function findPlan(manager: EntityManager, patientId: string, lock = false): Promise<PlanRow | null> {
  const [row] = (await manager.query(
    `SELECT ${PLAN_COLUMNS} FROM aftercare_plans WHERE patient_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [patientId],
  )) as PlanRow[];
  return row ?? null;
}

export async function planResponse(manager: EntityManager, plan: PlanRow): Promise<PlanResponse> {
  const followUps = (await manager.query(
    `SELECT id, due_date::text AS "dueDate", status FROM follow_ups WHERE plan_id = $1 ORDER BY due_date, id`,
    [plan.id],
  )) as PlanFollowUp[];
  return {
    id: plan.id, patientId: plan.patientId, startDate: plan.startDate, content: plan.content,
    optedOutOn: plan.optedOutOn, version: plan.version, updatedAt: plan.updatedAt, followUps,
  };
}

export type PlanChange = 'created' | 'edited' | 'opted_out' | 'opted_in';

/** Keeps the plan as it now stands as a new version (the table is append-only). */
export async function recordVersion(manager: EntityManager, planId: string, change: PlanChange, userId: string): Promise<void> {
  await manager.query(
    `INSERT INTO aftercare_plan_versions (plan_id, version, start_date, content, opted_out_on, change, changed_by)
     SELECT id, version, start_date, content, opted_out_on, $2, $3 FROM aftercare_plans WHERE id = $1`,
    [planId, change, userId],
  );
}

export async function listVersions(manager: EntityManager, planId: string): Promise<PlanVersionResponse[]> {
  return (await manager.query(
    `SELECT version, change, start_date::text AS "startDate", content, opted_out_on::text AS "optedOutOn",
            changed_by AS "changedBy", changed_at AS "changedAt"
     FROM aftercare_plan_versions WHERE plan_id = $1 ORDER BY version`,
    [planId],
  )) as PlanVersionResponse[];
}
