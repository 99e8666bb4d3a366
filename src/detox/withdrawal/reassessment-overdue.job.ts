import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import { ScheduledJob } from '../../platform/jobs/scheduled-job';
import { SettingsService } from '../../platform/settings/settings.service';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import { REASSESSMENT_RULES } from '../detox-settings';
import { isOverdue } from './reassessment';
import { LATEST_OPEN_ASSESSMENTS } from './reassessments.service';

const SEVERE_BANDS = new Set(['severe', 'moderately_severe']);

/**
 * Every 5 minutes: a withdrawal reassessment overdue by more than the grace
 * period (setting detox.reassessment) raises one alert per assessment it
 * follows (dedupe key), urgent when the last score was severe.
 */
@Injectable()
export class ReassessmentOverdueJob extends ScheduledJob {
  static readonly NAME = 'detox.reassessments-overdue';
  readonly name = ReassessmentOverdueJob.NAME;
  readonly intervalMs = 5 * 60_000;

  constructor(
    jobs: JobRunner,
    private readonly settings: SettingsService,
    private readonly detoxAlerts: DetoxAlertsService,
    private readonly config: AppConfig,
  ) {
    super(jobs);
  }

  /** Returns how many alerts were raised. */
  async run(manager: EntityManager, now: Date): Promise<number> {
    const { overdueGraceMinutes } = await this.settings.get(REASSESSMENT_RULES, manager);
    const candidates = (await manager.query(
      `SELECT * FROM (${LATEST_OPEN_ASSESSMENTS}) l WHERE l.next_due_at IS NOT NULL AND l.next_due_at < $1`,
      [now.toISOString()],
    )) as { id: string; patient_id: string; scale: string; total: number; band: string; next_due_at: Date }[];
    let raised = 0;
    for (const c of candidates) {
      if (!isOverdue(c.next_due_at, now, overdueGraceMinutes)) continue;
      const due = DateTime.fromJSDate(c.next_due_at, { zone: this.config.PROGRAM_TIMEZONE }).toFormat('yyyy-LL-dd HH:mm ZZZZ');
      const alert = await this.detoxAlerts.raise(manager, {
        patientId: c.patient_id,
        rule: 'reassessment_overdue',
        severity: SEVERE_BANDS.has(c.band) ? 'urgent' : 'warning',
        message: `${c.scale} reassessment overdue: due ${due}, last score ${c.total} (${c.band})`,
        readingId: c.id,
        reading: {
          kind: 'withdrawal_assessment', scale: c.scale, total: c.total, band: c.band,
          nextDueAt: c.next_due_at.toISOString(), graceMinutes: overdueGraceMinutes,
        },
        dedupeKey: `detox:reassessment-overdue:${c.id}`,
      });
      if (alert) raised += 1;
    }
    return raised;
  }
}
