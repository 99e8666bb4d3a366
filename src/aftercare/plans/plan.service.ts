import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, NotFound, StaleVersion, ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import type { PatientAccess } from '../../patients/access/patient-access';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import { addDays, daysBetween, programDate } from '../follow-up-schedule';
import { FollowUpScheduler } from '../follow-ups/follow-up-scheduler.service';
import type { CreatePlanDto, PlanContentDto, PlanFollowUp, PlanResponse, PlanVersionResponse } from './dto/plan.dto';
import type { IfMatch } from '../../common/http/etag';

const START_DATE_WITHIN_DAYS = 366;

/** The aftercare plan: written at discharge, every edit kept as a version, follow-ups scheduled from its start. */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly scheduler: FollowUpScheduler,
    private readonly config: AppConfig,
  ) {}

  create(access: PatientAccess, dto: CreatePlanDto): Promise<PlanResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { user, patientId } = access;
      // Lock the patient so two concurrent first plans cannot both pass the check.
      await manager.query(`SELECT id FROM patients WHERE id = $1 FOR UPDATE`, [patientId]);
      if (await findPlan(manager, patientId)) {
        throw new DomainError('aftercare_plan_exists', 'The patient already has an aftercare plan; edit it with PATCH and If-Match.');
      }
      const { startDate = this.today(), ...content } = dto;
      // A plan is written at discharge: its start is near today, which also keeps the schedule's offsets bounded.
      if (Math.abs(daysBetween(this.today(), startDate)) > START_DATE_WITHIN_DAYS) {
        throw new ValidationFailed([{ field: 'startDate', message: `must be within ${START_DATE_WITHIN_DAYS} days of today` }]);
      }
      const [row] = (await manager.query(
        `INSERT INTO aftercare_plans (patient_id, start_date, content, schedule_resumed_on, created_by, updated_by)
         VALUES ($1, $2, $3, $2, $4, $4) RETURNING id`,
        [patientId, startDate, JSON.stringify(content), user.id],
      )) as { id: string }[];
      const planId = row?.id ?? '';
      await recordVersion(manager, planId, 'created', user.id);
      const plan = await this.requirePlan(manager, patientId);
      await this.scheduler.scheduleUntil(manager, plan, addDays(startDate, await this.scheduler.initialHorizonDays(manager)));
      await this.access.record(access, 'aftercare-plan.create', 'aftercare_plan', planId, manager);
      return planResponse(manager, plan);
    });
  }

  get(access: PatientAccess): Promise<PlanResponse> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.requirePlan(manager, access.patientId);
      await this.access.record(access, 'aftercare-plan.read', 'aftercare_plan', plan.id, manager);
      return planResponse(manager, plan);
    });
  }

  update(access: PatientAccess, expected: IfMatch, content: PlanContentDto): Promise<PlanResponse> {
    return this.changePlan(access, expected, 'edited', async (manager, plan) => {
      await manager.query(`UPDATE aftercare_plans SET content = $2 WHERE id = $1`, [plan.id, JSON.stringify(content)]);
    });
  }

  /** The patient opts out: no further follow-ups are scheduled; open ones close as `opted_out`; nothing is deleted. */
  optOut(access: PatientAccess, expected: IfMatch): Promise<PlanResponse> {
    return this.changePlan(access, expected, 'opted_out', async (manager, plan) => {
      if (plan.optedOutOn) throw new DomainError('already_opted_out', `The patient opted out on ${plan.optedOutOn}.`);
      await manager.query(`UPDATE aftercare_plans SET opted_out_on = $2 WHERE id = $1`, [plan.id, this.today()]);
      await manager.query(
        `UPDATE follow_ups SET status = 'opted_out', closed_at = now() WHERE plan_id = $1 AND status = 'open'`,
        [plan.id],
      );
    });
  }

  /**
   * The patient opts back in: follow-ups closed by the opt-out and due from today on open again, and
   * scheduling resumes from today (those that fell due meanwhile stay closed).
   */
  optIn(access: PatientAccess, expected: IfMatch): Promise<PlanResponse> {
    return this.changePlan(access, expected, 'opted_in', async (manager, plan) => {
      if (!plan.optedOutOn) throw new DomainError('not_opted_out', 'The patient has not opted out.');
      const today = this.today();
      await manager.query(
        `UPDATE aftercare_plans SET opted_out_on = NULL, schedule_resumed_on = GREATEST($2::date, start_date) WHERE id = $1`,
        [plan.id, today],
      );
      await manager.query(
        `UPDATE follow_ups SET status = 'open', closed_at = NULL WHERE plan_id = $1 AND status = 'opted_out' AND due_date >= $2`,
        [plan.id, today],
      );
      const resumed = await this.requirePlan(manager, plan.patientId);
      // The default schedule's end, or today when that has passed (the daily job then keeps the next one ahead).
      const initialEnd = addDays(plan.startDate, await this.scheduler.initialHorizonDays(manager));
      await this.scheduler.scheduleUntil(manager, resumed, initialEnd > today ? initialEnd : today);
    });
  }

  versions(access: PatientAccess): Promise<PlanVersionResponse[]> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.requirePlan(manager, access.patientId);
      const versions = await listVersions(manager, plan.id);
      await this.access.record(access, 'aftercare-plan.read-versions', 'aftercare_plan', plan.id, manager);
      return versions;
    });
  }

  private changePlan(
    access: PatientAccess,
    expected: IfMatch,
    change: PlanChange,
    apply: (manager: EntityManager, plan: PlanRow) => Promise<void>,
  ): Promise<PlanResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { user, patientId } = access;
      const plan = await findPlan(manager, patientId, true);
      if (!plan) throw new NotFound('Aftercare plan');
      if (!expected.matches(plan.version)) throw new StaleVersion(plan.version);
      await apply(manager, plan);
      await manager.query(
        `UPDATE aftercare_plans SET version = version + 1, updated_by = $2, updated_at = now() WHERE id = $1`,
        [plan.id, user.id],
      );
      await recordVersion(manager, plan.id, change, user.id);
      await this.access.record(access, `aftercare-plan.${change.replace('_', '-')}`, 'aftercare_plan', plan.id, manager);
      return planResponse(manager, await this.requirePlan(manager, patientId));
    });
  }

  private async requirePlan(manager: EntityManager, patientId: string): Promise<PlanRow> {
    const plan = await findPlan(manager, patientId);
    if (!plan) throw new NotFound('Aftercare plan');
    return plan;
  }

  private today(): string {
    return programDate(new Date(), this.config.PROGRAM_TIMEZONE);
  }
}

/* The plan tables are read and written with SQL (they have no entities). */

interface PlanRow {
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

async function findPlan(manager: EntityManager, patientId: string, lock = false): Promise<PlanRow | null> {
  const [row] = (await manager.query(
    `SELECT ${PLAN_COLUMNS} FROM aftercare_plans WHERE patient_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [patientId],
  )) as PlanRow[];
  return row ?? null;
}

async function planResponse(manager: EntityManager, plan: PlanRow): Promise<PlanResponse> {
  const followUps = (await manager.query(
    `SELECT id, due_date::text AS "dueDate", status FROM follow_ups WHERE plan_id = $1 ORDER BY due_date, id`,
    [plan.id],
  )) as PlanFollowUp[];
  return {
    id: plan.id, patientId: plan.patientId, startDate: plan.startDate, content: plan.content,
    optedOutOn: plan.optedOutOn, version: plan.version, updatedAt: plan.updatedAt, followUps,
  };
}

type PlanChange = 'created' | 'edited' | 'opted_out' | 'opted_in';

/** Keeps the plan as it now stands as a new version (the table is append-only). */
async function recordVersion(manager: EntityManager, planId: string, change: PlanChange, userId: string): Promise<void> {
  await manager.query(
    `INSERT INTO aftercare_plan_versions (plan_id, version, start_date, content, opted_out_on, change, changed_by)
     SELECT id, version, start_date, content, opted_out_on, $2, $3 FROM aftercare_plans WHERE id = $1`,
    [planId, change, userId],
  );
}

async function listVersions(manager: EntityManager, planId: string): Promise<PlanVersionResponse[]> {
  return (await manager.query(
    `SELECT version, change, start_date::text AS "startDate", content, opted_out_on::text AS "optedOutOn",
            changed_by AS "changedBy", changed_at AS "changedAt"
     FROM aftercare_plan_versions WHERE plan_id = $1 ORDER BY version`,
    [planId],
  )) as PlanVersionResponse[];
}
