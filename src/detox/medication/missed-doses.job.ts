import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import { SettingsService } from '../../platform/settings/settings.service';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import { MISSED_DOSE } from '../detox-settings';
import { scheduledDoseStatus } from './scheduled-dose-status';

/**
 * Doses scheduled longer ago than this are not looked at any more: the job runs
 * every 5 minutes, so anything older has been alerted already.
 */
export const MISSED_DOSE_LOOKBACK_HOURS = 72;

/**
 * Every 5 minutes (one instance at a time, JobRunner's advisory lock): a
 * scheduled dose of a tapered order not given within the grace period (setting
 * detox.missed-dose, default 2 hours) raises one urgent alert per scheduled
 * dose (dedupe key), because stopping a tapered drug abruptly is dangerous.
 * Doses after the order was discontinued, or scheduled before it was written,
 * are not missed.
 */
@Injectable()
export class MissedDosesJob implements OnModuleInit {
  static readonly NAME = 'detox.missed-doses';

  constructor(
    private readonly jobs: JobRunner,
    private readonly settings: SettingsService,
    private readonly detoxAlerts: DetoxAlertsService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: MissedDosesJob.NAME,
      intervalMs: 5 * 60_000,
      run: (manager, now) => this.run(manager, now),
    });
  }

  /** Returns how many alerts were raised. */
  async run(manager: EntityManager, now: Date): Promise<number> {
    const { graceMinutes } = await this.settings.get(MISSED_DOSE, manager);
    const candidates = (await manager.query(
      `SELECT s.id, s.patient_id, s.order_id, s.scheduled_at, s.dose, o.drug, o.unit, o.ordered_at, o.discontinued_at
       FROM medication_scheduled_doses s
       JOIN medication_orders o ON o.id = s.order_id
       WHERE o.taper_start_dose IS NOT NULL
         AND s.scheduled_at < $1::timestamptz - make_interval(mins => $2)
         AND s.scheduled_at > $1::timestamptz - make_interval(hours => $3)
         AND NOT EXISTS (SELECT 1 FROM medication_administrations a WHERE a.scheduled_dose_id = s.id)
       ORDER BY s.scheduled_at`,
      [now.toISOString(), graceMinutes, MISSED_DOSE_LOOKBACK_HOURS],
    )) as {
      id: string; patient_id: string; order_id: string; scheduled_at: Date; dose: string; drug: string; unit: string;
      ordered_at: Date; discontinued_at: Date | null;
    }[];
    let raised = 0;
    for (const c of candidates) {
      const status = scheduledDoseStatus(
        { scheduledAt: c.scheduled_at, given: false, orderedAt: c.ordered_at, discontinuedAt: c.discontinued_at },
        now,
        graceMinutes,
      );
      if (status !== 'missed') continue;
      const local = DateTime.fromJSDate(c.scheduled_at, { zone: this.config.PROGRAM_TIMEZONE }).toFormat('yyyy-LL-dd HH:mm ZZZZ');
      const dose = Number(c.dose);
      const alert = await this.detoxAlerts.raise(manager, {
        patientId: c.patient_id,
        rule: 'missed_dose',
        severity: 'urgent',
        message: `Tapered ${c.drug} ${dose} ${c.unit} scheduled ${local} not given within ${graceMinutes} minutes`,
        readingId: c.id,
        reading: {
          kind: 'scheduled_dose', orderId: c.order_id, drug: c.drug, dose, unit: c.unit,
          scheduledAt: c.scheduled_at.toISOString(), graceMinutes,
        },
        dedupeKey: `detox:missed-dose:${c.id}`,
      });
      if (alert) raised += 1;
    }
    return raised;
  }
}
