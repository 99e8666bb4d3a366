import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import type { Page } from '../../common/http/pagination';
import { DomainError, NotFound, ValidationFailed } from '../../common/problem/domain-error';
import { AppConfig } from '../../config/app-config';
import type { PatientAccess } from '../../patients/access/patient-access';
import { PatientAccessService } from '../../patients/access/patient-access.service';
import { SettingsService } from '../../platform/settings/settings.service';
import { FOLLOW_UP_RULES } from '../aftercare-settings';
import { addDays, programDate } from '../follow-up-schedule';
import { followUpTiming } from '../follow-up-state';
import type {
  AddFollowUpDto, CancelFollowUpDto, DueFollowUpsQuery, FollowUpResponse, FollowUpStatus, MoveFollowUpDto,
} from './dto/follow-up.dto';

/** Lists follow-ups, and lets the case manager add, move or cancel one with a reason. */
@Injectable()
export class FollowUpsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
  ) {}

  forPatient(access: PatientAccess): Promise<FollowUpResponse[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups f WHERE f.patient_id = $1 ORDER BY f.due_date, f.id`,
        [access.patientId],
      )) as FollowUpRow[];
      await this.access.record(access, 'follow-up.read', 'follow_up', null, manager, { count: rows.length });
      const { overdueGraceDays } = await this.settings.get(FOLLOW_UP_RULES, manager);
      return rows.map((r) => followUpResponse(r, this.today(), overdueGraceDays));
    });
  }

  /** Open follow-ups of the caller's patients that are due (within the grace period) or overdue. */
  mine(user: AuthUser, query: DueFollowUpsQuery): Promise<Page<FollowUpResponse>> {
    return this.dataSource.transaction(async (manager) => {
      const { overdueGraceDays } = await this.settings.get(FOLLOW_UP_RULES, manager);
      const today = this.today();
      // due: today - grace <= due_date <= today; overdue: due_date < today - grace; within the caller's from/to.
      const graceStart = addDays(today, -overdueGraceDays);
      const [lower, upper] = query.status === 'due'
        ? [latest(graceStart, query.from), earliest(today, query.to)]
        : [query.from ?? null, earliest(addDays(graceStart, -1), query.to)];
      const where = `f.status = 'open' AND ${PatientAccessService.scopeSql('f.patient_id', '$1')}
        AND ($2::date IS NULL OR f.due_date >= $2::date) AND f.due_date <= $3::date`;
      const params = [user.id, lower, upper];
      const rows = (await manager.query(
        `SELECT ${FOLLOW_UP_COLUMNS}, count(*) OVER () AS total FROM follow_ups f WHERE ${where}
         ORDER BY f.due_date, f.id LIMIT $4 OFFSET $5`,
        [...params, query.limit, query.offset],
      )) as (FollowUpRow & { total: string })[];
      // Every patient on the page is read under the caller's own access (care team or emergency grant), and audited.
      const accesses = await this.access.requireMany(user, rows.map((r) => r.patientId), 'aftercare.follow-ups-read', manager);
      for (const access of accesses) {
        await this.access.record(access, 'follow-up.read', 'follow_up', null, manager, {
          followUpIds: rows.filter((r) => r.patientId === access.patientId).map((r) => r.id),
        });
      }
      return {
        items: rows.map(({ total: _total, ...r }) => followUpResponse(r, today, overdueGraceDays)),
        total: Number(rows[0]?.total ?? 0),
        limit: query.limit,
        offset: query.offset,
      };
    });
  }

  add(access: PatientAccess, dto: AddFollowUpDto): Promise<FollowUpResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { user, patientId } = access;
      const [plan] = (await manager.query(
        `SELECT id, opted_out_on, start_date::text AS start_date FROM aftercare_plans WHERE patient_id = $1`, [patientId],
      )) as { id: string; opted_out_on: string | null; start_date: string }[];
      if (!plan) throw new NotFound('Aftercare plan');
      if (plan.opted_out_on) throw new DomainError('opted_out_of_follow_ups', 'The patient opted out of follow-ups; record the opt-in first.');
      this.assertDueDate(dto.dueDate, plan.start_date);
      const [row] = (await manager.query(
        `INSERT INTO follow_ups (patient_id, plan_id, due_date, change_reason, created_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING id`,
        [patientId, plan.id, dto.dueDate, dto.reason, user.id],
      )) as { id: string }[];
      const id = row?.id ?? '';
      await this.access.record(access, 'follow-up.add', 'follow_up', id, manager, { dueDate: dto.dueDate });
      return this.respond(manager, patientId, id);
    });
  }

  move(access: PatientAccess, followUpId: string, dto: MoveFollowUpDto): Promise<FollowUpResponse> {
    return this.changeOpen(access, followUpId, 'follow-up.move', async (manager) => {
      const [plan] = (await manager.query(
        `SELECT start_date::text AS start_date FROM aftercare_plans WHERE patient_id = $1`, [access.patientId],
      )) as { start_date: string }[];
      this.assertDueDate(dto.dueDate, plan?.start_date ?? dto.dueDate);
      await manager.query(`UPDATE follow_ups SET due_date = $2, change_reason = $3 WHERE id = $1`, [
        followUpId, dto.dueDate, dto.reason,
      ]);
      return { dueDate: dto.dueDate };
    });
  }

  cancel(access: PatientAccess, followUpId: string, dto: CancelFollowUpDto): Promise<FollowUpResponse> {
    return this.changeOpen(access, followUpId, 'follow-up.cancel', async (manager) => {
      await manager.query(
        `UPDATE follow_ups SET status = 'cancelled', closed_at = now(), change_reason = $2 WHERE id = $1`,
        [followUpId, dto.reason],
      );
      return {};
    });
  }

  private changeOpen(
    access: PatientAccess,
    followUpId: string,
    action: string,
    apply: (manager: EntityManager) => Promise<Record<string, unknown>>,
  ): Promise<FollowUpResponse> {
    const { patientId } = access;
    return this.dataSource.transaction(async (manager) => {
      const followUp = await findFollowUp(manager, patientId, followUpId, true);
      if (!followUp) throw new NotFound('Follow-up');
      if (followUp.status !== 'open') throw new DomainError('follow_up_not_open', `The follow-up is ${followUp.status}; only open ones change.`);
      const details = await apply(manager);
      await this.access.record(access, action, 'follow_up', followUpId, manager, details);
      return this.respond(manager, patientId, followUpId);
    });
  }

  private async respond(manager: EntityManager, patientId: string, id: string): Promise<FollowUpResponse> {
    const row = await findFollowUp(manager, patientId, id);
    if (!row) throw new NotFound('Follow-up');
    const { overdueGraceDays } = await this.settings.get(FOLLOW_UP_RULES, manager);
    return followUpResponse(row, this.today(), overdueGraceDays);
  }

  /**
   * A follow-up is a contact still to make: due today or later (program time
   * zone), never before the plan starts. A past date would make it overdue at
   * once and alert; a contact already made is recorded as a check-in.
   */
  private assertDueDate(dueDate: string, planStart: string): void {
    const today = this.today();
    if (dueDate < today) throw new ValidationFailed([{ field: 'dueDate', message: `must not be before today (${today})` }]);
    if (dueDate < planStart) {
      throw new ValidationFailed([{ field: 'dueDate', message: `must not be before the plan starts (${planStart})` }]);
    }
  }

  private today(): string {
    return programDate(new Date(), this.config.PROGRAM_TIMEZONE);
  }
}

const latest = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);
const earliest = (a: string, b: string | undefined) => (b !== undefined && b < a ? b : a);

/* Follow-up rows are read with SQL (the aftercare tables have no entities). */
interface FollowUpRow {
  id: string;
  patientId: string;
  dueDate: string;
  status: FollowUpStatus;
  offsetDays: number | null;
  checkInId: string | null;
  changeReason: string | null;
  closedAt: Date | null;
}

const FOLLOW_UP_COLUMNS = `f.id, f.patient_id AS "patientId", f.due_date::text AS "dueDate", f.status,
  f.offset_days AS "offsetDays", f.check_in_id AS "checkInId", f.change_reason AS "changeReason", f.closed_at AS "closedAt"`;

function followUpResponse(row: FollowUpRow, today: string, graceDays: number): FollowUpResponse {
  return { ...row, timing: row.status === 'open' ? followUpTiming(row.dueDate, today, graceDays) : null };
}

async function findFollowUp(
  manager: EntityManager, patientId: string, followUpId: string, lock = false,
): Promise<FollowUpRow | null> {
  const [row] = (await manager.query(
    `SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups f WHERE f.id = $1 AND f.patient_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [followUpId, patientId],
  )) as FollowUpRow[];
  return row ?? null;
}
