import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AlertsService } from '../../platform/alerts/alerts.service';
import { AppConfig } from '../../config/app-config';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import { ScheduledJob } from '../../platform/jobs/scheduled-job';
import { SettingsService } from '../../platform/settings/settings.service';
import { FOLLOW_UP_RULES, FOLLOW_UP_SCHEDULE } from '../aftercare-settings';
import { addDays, programDate } from '../follow-up-schedule';
import { followUpTiming } from '../follow-up-state';
import { FollowUpScheduler, type SchedulablePlan } from './follow-up-scheduler.service';

export interface FollowUpsJobResult {
  scheduled: number;
  overdueAlerts: number;
}

/**
 * Hourly (so a new program day is seen within the hour), on one instance at a
 * time (JobRunner's advisory lock), each run doing only what is missing: keeps
 * the next follow-up scheduled for every participating patient still in
 * aftercare (the program follows up for as long as the patient attends), and
 * raises one overdue alert per follow-up still open more than the grace period
 * after its due date (dedupe key, so never twice).
 */
@Injectable()
export class FollowUpsJob extends ScheduledJob {
  static readonly NAME = 'aftercare.follow-ups';
  readonly name = FollowUpsJob.NAME;
  readonly intervalMs = 60 * 60_000;

  constructor(
    jobs: JobRunner,
    private readonly settings: SettingsService,
    private readonly scheduler: FollowUpScheduler,
    private readonly alerts: AlertsService,
    private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  async run(manager: EntityManager, now: Date): Promise<FollowUpsJobResult> {
    const today = programDate(now, this.config.PROGRAM_TIMEZONE);
    return { scheduled: await this.scheduleAhead(manager, today), overdueAlerts: await this.raiseOverdue(manager, today) };
  }

  private async scheduleAhead(manager: EntityManager, today: string): Promise<number> {
    const { thenEveryDays } = await this.settings.get(FOLLOW_UP_SCHEDULE, manager);
    const plans = (await manager.query(
      `SELECT a.id, a.patient_id AS "patientId", a.start_date::text AS "startDate", a.opted_out_on::text AS "optedOutOn",
              a.schedule_resumed_on::text AS "scheduleResumedOn"
       FROM aftercare_plans a JOIN patients p ON p.id = a.patient_id
       WHERE p.phase = 'aftercare' AND a.opted_out_on IS NULL`,
    )) as SchedulablePlan[];
    let scheduled = 0;
    for (const plan of plans) scheduled += await this.scheduler.scheduleUntil(manager, plan, addDays(today, thenEveryDays));
    return scheduled;
  }

  private async raiseOverdue(manager: EntityManager, today: string): Promise<number> {
    const { overdueGraceDays } = await this.settings.get(FOLLOW_UP_RULES, manager);
    const candidates = (await manager.query(
      `SELECT f.id, f.patient_id AS "patientId", f.due_date::text AS "dueDate" FROM follow_ups f
       WHERE f.status = 'open' AND f.due_date < $1::date
         AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.dedupe_key = 'aftercare:overdue:' || f.id)`,
      [addDays(today, -overdueGraceDays)],
    )) as { id: string; patientId: string; dueDate: string }[];
    let raised = 0;
    for (const f of candidates) {
      if (followUpTiming(f.dueDate, today, overdueGraceDays) !== 'overdue') continue;
      const alert = await this.alerts.raise(manager, {
        patientId: f.patientId,
        source: 'aftercare',
        rule: 'follow_up_overdue',
        severity: 'warning',
        audience: 'case_manager',
        category: 'engagement',
        message: `Aftercare follow-up due ${f.dueDate} is more than ${overdueGraceDays} days overdue`,
        readingId: f.id,
        reading: { kind: 'follow_up', dueDate: f.dueDate, overdueGraceDays },
        dedupeKey: `aftercare:overdue:${f.id}`,
      });
      if (alert) raised += 1;
    }
    return raised;
  }
}
