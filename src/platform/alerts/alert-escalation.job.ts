import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobRunner } from '../jobs/job-runner.service';
import { ScheduledJob } from '../jobs/scheduled-job';
import { integerFields, type SettingDefinition } from '../settings/setting-definition';
import { SettingsService } from '../settings/settings.service';
import { AlertsService } from './alerts.service';

export interface EscalationRules {
  emergencyMinutes: number;
  urgentMinutes: number;
}

/** Issue 11: unacknowledged emergencies escalate after 15 minutes, urgent alerts after 60 (DOMAIN.md). */
export const ESCALATION: SettingDefinition<EscalationRules> = {
  key: 'alerts.escalation',
  description:
    'emergencyMinutes (default 15) and urgentMinutes (default 60): a clinical alert of that severity still open ' +
    'this long raises one escalation alert to every clinician on the care team; the original stays open.',
  defaultValue: { emergencyMinutes: 15, urgentMinutes: 60 },
  validate: integerFields({ emergencyMinutes: [1, 60], urgentMinutes: [5, 240] }),
};

interface Overdue {
  id: string;
  patient_id: string;
  source: string;
  rule: string;
  severity: 'urgent' | 'emergency';
  message: string;
  reading_id: string | null;
  raised_at: Date;
}

/**
 * Every minute, under the job's advisory lock: each open clinical alert of
 * emergency or urgent severity older than its setting raises one escalation
 * alert (unique escalates_alert_id), for the care team's clinicians.
 */
@Injectable()
export class AlertEscalationJob extends ScheduledJob {
  static readonly NAME = 'alerts.escalate-unacknowledged';
  readonly name = AlertEscalationJob.NAME;
  readonly intervalMs = 60_000;

  constructor(
    jobs: JobRunner,
    private readonly settings: SettingsService,
    private readonly alerts: AlertsService,
  ) {
    super(jobs);
  }

  onModuleInit(): void {
    this.settings.define(ESCALATION);
    super.onModuleInit();
  }

  /** Returns how many escalation alerts were raised. */
  async run(manager: EntityManager, now: Date): Promise<number> {
    const rules = await this.settings.get(ESCALATION, manager);
    const overdue = (await manager.query(
      `SELECT a.id, a.patient_id, a.source, a.rule, a.severity, a.message, a.reading_id, a.raised_at
       FROM alerts a
       WHERE a.status = 'open' AND a.category = 'clinical' AND a.escalates_alert_id IS NULL
         AND ((a.severity = 'emergency' AND a.raised_at <= $1::timestamptz - make_interval(mins => $2))
           OR (a.severity = 'urgent' AND a.raised_at <= $1::timestamptz - make_interval(mins => $3)))
         AND NOT EXISTS (SELECT 1 FROM alerts e WHERE e.escalates_alert_id = a.id)
       ORDER BY a.raised_at`,
      [now.toISOString(), rules.emergencyMinutes, rules.urgentMinutes],
    )) as Overdue[];
    let raised = 0;
    for (const a of overdue) {
      const minutes = a.severity === 'emergency' ? rules.emergencyMinutes : rules.urgentMinutes;
      const alert = await this.alerts.raise(manager, {
        patientId: a.patient_id,
        source: a.source,
        rule: 'unacknowledged_escalation',
        severity: a.severity,
        audience: 'clinician',
        category: 'clinical',
        escalatesAlertId: a.id,
        message: `Escalation: ${a.severity} alert ${a.rule} unacknowledged for ${minutes} minutes or more: ${a.message}`,
        reading: { escalates: { id: a.id, rule: a.rule, severity: a.severity, raisedAt: a.raised_at.toISOString() } },
        readingId: a.reading_id,
      });
      if (alert) raised += 1;
    }
    return raised;
  }
}
