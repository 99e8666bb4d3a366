import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SettingsService } from '../../platform/settings/settings.service';
import { FOLLOW_UP_SCHEDULE } from '../aftercare-settings';
import { followUpsToCreate } from '../follow-up-schedule';

export interface SchedulablePlan {
  id: string;
  patientId: string;
  startDate: string;
  optedOutOn: string | null;
  scheduleResumedOn: string;
}

/**
 * Creates the scheduled follow-ups of a plan up to a date. One row per schedule offset
 * (UNIQUE (plan_id, offset_days)), so plan creation, opt-in and the daily job can all
 * call it without ever creating a follow-up twice.
 */
@Injectable()
export class FollowUpScheduler {
  constructor(private readonly settings: SettingsService) {}

  /** Returns how many follow-ups were created. */
  async scheduleUntil(manager: EntityManager, plan: SchedulablePlan, until: string): Promise<number> {
    const rule = await this.settings.get(FOLLOW_UP_SCHEDULE, manager);
    const existing = (await manager.query(
      `SELECT offset_days FROM follow_ups WHERE plan_id = $1 AND offset_days IS NOT NULL`,
      [plan.id],
    )) as { offset_days: number }[];
    const toCreate = followUpsToCreate({
      startDate: plan.startDate,
      rule,
      optedOut: plan.optedOutOn !== null,
      resumeFrom: plan.scheduleResumedOn,
      until,
      existingOffsets: new Set(existing.map((r) => r.offset_days)),
    });
    let created = 0;
    for (const f of toCreate) {
      const rows = (await manager.query(
        `INSERT INTO follow_ups (patient_id, plan_id, offset_days, due_date) VALUES ($1, $2, $3, $4)
         ON CONFLICT (plan_id, offset_days) DO NOTHING RETURNING id`,
        [plan.patientId, plan.id, f.offsetDays, f.dueDate],
      )) as { id: string }[];
      created += rows.length;
    }
    return created;
  }

  /** The last day of the default schedule (the start plus the last listed offset). */
  async initialHorizonDays(manager: EntityManager): Promise<number> {
    const rule = await this.settings.get(FOLLOW_UP_SCHEDULE, manager);
    return rule.offsetsDays.at(-1) ?? 0;
  }
}
