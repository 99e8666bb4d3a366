import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import { ScheduledJob } from '../../platform/jobs/scheduled-job';
import { SettingsService } from '../../platform/settings/settings.service';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import { MISSED_DOSE } from '../detox-settings';
import { doseTimesBetween } from './dose-times';
import { scheduledDoseStatus } from './scheduled-dose-status';

/**
 * Doses scheduled longer ago than this are not looked at any more: the job runs
 * every 5 minutes, so anything older has been alerted already.
 */
export const MISSED_DOSE_LOOKBACK_HOURS = 72;
const HOUR_MS = 3600_000;
const MINUTE_MS = 60_000;

interface MissedDose {
  patientId: string;
  orderId: string;
  drug: string;
  unit: string;
  dose: number;
  scheduledAt: Date;
  tapered: boolean;
  /** The stored scheduled dose, or null for an open-ended fixed schedule. */
  scheduledDoseId: string | null;
}

/**
 * Every 5 minutes (one instance at a time, JobRunner's advisory lock): a
 * scheduled dose not given, held or refused within the grace period (setting
 * detox.missed-dose, default 2 hours) raises one urgent alert per dose (dedupe
 * key) when the order is a taper or its drug is one whose abrupt stop is
 * dangerous (drug table: baclofen, benzodiazepines; DOMAIN.md: "abrupt
 * cessation is dangerous"), for fixed schedules as well as tapers. Doses after
 * the order was discontinued, or scheduled before it was written, are not missed.
 */
@Injectable()
export class MissedDosesJob extends ScheduledJob {
  static readonly NAME = 'detox.missed-doses';
  readonly name = MissedDosesJob.NAME;
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
    const { graceMinutes } = await this.settings.get(MISSED_DOSE, manager);
    const missed = [
      ...(await this.storedDosesMissed(manager, now, graceMinutes)),
      ...(await this.openEndedDosesMissed(manager, now, graceMinutes)),
    ];
    let raised = 0;
    for (const m of missed) {
      const local = DateTime.fromJSDate(m.scheduledAt, { zone: this.config.PROGRAM_TIMEZONE }).toFormat('yyyy-LL-dd HH:mm ZZZZ');
      const alert = await this.detoxAlerts.raise(manager, {
        patientId: m.patientId,
        rule: 'missed_dose',
        severity: 'urgent',
        message: `${m.tapered ? 'Tapered' : 'Scheduled'} ${m.drug} ${m.dose} ${m.unit} scheduled ${local} not given within ${graceMinutes} minutes`,
        readingId: m.scheduledDoseId ?? m.orderId,
        reading: {
          kind: 'scheduled_dose', orderId: m.orderId, drug: m.drug, dose: m.dose, unit: m.unit,
          scheduledAt: m.scheduledAt.toISOString(), graceMinutes,
        },
        dedupeKey: `detox:missed-dose:${m.scheduledDoseId ?? `${m.orderId}:${m.scheduledAt.toISOString()}`}`,
      });
      if (alert) raised += 1;
    }
    return raised;
  }

  private async storedDosesMissed(manager: EntityManager, now: Date, graceMinutes: number): Promise<MissedDose[]> {
    const rows = (await manager.query(
      `SELECT s.id, s.patient_id, s.order_id, s.scheduled_at, s.dose, o.drug, o.unit, o.ordered_at, o.discontinued_at,
              o.taper_start_dose IS NOT NULL AS tapered
       FROM medication_scheduled_doses s
       JOIN medication_orders o ON o.id = s.order_id
       LEFT JOIN drugs d ON d.id = o.drug_id
       WHERE (o.taper_start_dose IS NOT NULL OR d.abrupt_stop_dangerous)
         AND s.scheduled_at < $1::timestamptz - make_interval(mins => $2)
         AND s.scheduled_at > $1::timestamptz - make_interval(hours => $3)
         AND NOT EXISTS (SELECT 1 FROM medication_administrations a WHERE a.scheduled_dose_id = s.id)
         AND NOT EXISTS (SELECT 1 FROM medication_dose_omissions m WHERE m.scheduled_dose_id = s.id)
       ORDER BY s.scheduled_at`,
      [now.toISOString(), graceMinutes, MISSED_DOSE_LOOKBACK_HOURS],
    )) as {
      id: string; patient_id: string; order_id: string; scheduled_at: Date; dose: string; drug: string; unit: string;
      ordered_at: Date; discontinued_at: Date | null; tapered: boolean;
    }[];
    return rows
      .filter((c) => this.isMissed(c.scheduled_at, c.ordered_at, c.discontinued_at, now, graceMinutes))
      .map((c) => ({
        patientId: c.patient_id, orderId: c.order_id, drug: c.drug, unit: c.unit, dose: Number(c.dose),
        scheduledAt: c.scheduled_at, tapered: c.tapered, scheduledDoseId: c.id,
      }));
  }

  /** Fixed schedules without stored doses: their dose times are computed (dose-times.ts). */
  private async openEndedDosesMissed(manager: EntityManager, now: Date, graceMinutes: number): Promise<MissedDose[]> {
    const orders = (await manager.query(
      `SELECT o.id, o.patient_id, o.drug, o.unit, o.dose, o.start_date::text AS start_date, o.end_date::text AS end_date,
              o.times_of_day, o.ordered_at, o.discontinued_at,
              ARRAY(SELECT a.given_at FROM medication_administrations a WHERE a.order_id = o.id
                    AND a.given_at > $1::timestamptz - make_interval(hours => $3 + 24)) AS given,
              ARRAY(SELECT m.scheduled_at FROM medication_dose_omissions m WHERE m.order_id = o.id
                    AND m.scheduled_at > $1::timestamptz - make_interval(hours => $3 + 24)) AS omitted
       FROM medication_orders o JOIN drugs d ON d.id = o.drug_id
       WHERE d.abrupt_stop_dangerous AND o.schedule_type = 'scheduled'
         AND NOT EXISTS (SELECT 1 FROM medication_scheduled_doses s WHERE s.order_id = o.id)
         AND (o.discontinued_at IS NULL OR o.discontinued_at > $1::timestamptz - make_interval(hours => $3))
         AND o.ordered_at < $1::timestamptz - make_interval(mins => $2)`,
      [now.toISOString(), graceMinutes, MISSED_DOSE_LOOKBACK_HOURS],
    )) as {
      id: string; patient_id: string; drug: string; unit: string; dose: string; start_date: string; end_date: string | null;
      times_of_day: string[]; ordered_at: Date; discontinued_at: Date | null; given: Date[]; omitted: Date[];
    }[];
    const grace = graceMinutes * MINUTE_MS;
    const from = new Date(now.getTime() - MISSED_DOSE_LOOKBACK_HOURS * HOUR_MS);
    const until = new Date(now.getTime() - grace - 1);
    return orders.flatMap((o) =>
      doseTimesBetween({ startDate: o.start_date, endDate: o.end_date, timesOfDay: o.times_of_day }, from, until, this.config.PROGRAM_TIMEZONE)
        .filter((at) => !o.given.some((g) => Math.abs(g.getTime() - at.getTime()) <= grace))
        .filter((at) => !o.omitted.some((m) => m.getTime() === at.getTime()))
        .filter((at) => this.isMissed(at, o.ordered_at, o.discontinued_at, now, graceMinutes))
        .map((at) => ({
          patientId: o.patient_id, orderId: o.id, drug: o.drug, unit: o.unit, dose: Number(o.dose), scheduledAt: at,
          tapered: false, scheduledDoseId: null,
        })),
    );
  }

  private isMissed(at: Date, orderedAt: Date, discontinuedAt: Date | null, now: Date, graceMinutes: number): boolean {
    const facts = { scheduledAt: at, scheduledDose: 1, givenDose: null, omission: null, orderedAt, discontinuedAt };
    return scheduledDoseStatus(facts, now, graceMinutes, 0) === 'missed';
  }
}
