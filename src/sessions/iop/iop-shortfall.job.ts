import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { AlertsService } from '../../platform/alerts/alerts.service';
import { ageInYears } from '../../common/age';
import { AppConfig } from '../../config/app-config';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import { ScheduledJob } from '../../platform/jobs/scheduled-job';
import { SettingsService } from '../../platform/settings/settings.service';
import { IopAttendanceReader } from './iop-attendance.service';
import { iopTargetHours, iopWeeks } from './iop-weeks';
import { IOP_TARGET } from '../sessions-settings';

/**
 * Every hour (one instance at a time, JobRunner's advisory lock): for the last
 * Monday-to-Sunday week that has ended in the program zone, every patient in
 * the outpatient phase for the whole week whose level of care (screening's view
 * patient_current_level_of_care, assessed before the week ended) is ASAM 2.1
 * (intensive outpatient) and who attended fewer hours than the target
 * for their age (9 adults, 6 adolescents; The ASAM Criteria, 3rd ed.) raises one
 * engagement alert for the case manager (dedupe key per patient and week).
 */
@Injectable()
export class IopShortfallJob extends ScheduledJob {
  static readonly NAME = 'sessions.iop-shortfall';
  readonly name = IopShortfallJob.NAME;
  readonly intervalMs = 60 * 60_000;

  constructor(
    jobs: JobRunner,
    private readonly settings: SettingsService,
    private readonly alerts: AlertsService,
    private readonly config: AppConfig,
    private readonly attendance: IopAttendanceReader,
  ) {
    super(jobs);
  }

  /** Returns how many alerts were raised. */
  async run(manager: EntityManager, now: Date): Promise<number> {
    const zone = this.config.PROGRAM_TIMEZONE;
    const weekEnd = DateTime.fromJSDate(now, { zone }).startOf('week');
    const weekStart = weekEnd.minus({ weeks: 1 });
    const monday = weekStart.toISODate() as string;
    const patients = (await manager.query(
      `SELECT p.id, p.date_of_birth::text AS dob FROM patients p
       WHERE (SELECT to_phase = 'outpatient' AND changed_at <= $1 FROM patient_phase_changes c
              WHERE c.patient_id = p.id AND c.changed_at < $2 ORDER BY changed_at DESC, id DESC LIMIT 1)
         AND EXISTS (SELECT 1 FROM patient_current_level_of_care l
                     WHERE l.patient_id = p.id AND l.recommended_level = '2.1' AND l.recorded_at < $2)
         AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.dedupe_key = 'sessions:iop_below_target:' || p.id || ':' || $3)`,
      [weekStart.toJSDate(), weekEnd.toJSDate(), monday],
    )) as { id: string; dob: string }[];
    const targets = await this.settings.get(IOP_TARGET, manager);
    let raised = 0;
    for (const p of patients) {
      const sessions = await this.attendance.sessions(manager, p.id, weekStart.toJSDate(), weekEnd.toJSDate());
      const [week] = iopWeeks({
        from: weekStart.toJSDate(), to: weekEnd.toJSDate(), timeZone: zone, sessions,
        targetHoursFor: (start) => iopTargetHours(ageInYears(p.dob, start), targets),
      });
      if (!week || week.metTarget) continue;
      const alert = await this.alerts.raise(manager, {
        patientId: p.id,
        source: 'sessions',
        rule: 'iop_below_target',
        severity: 'warning',
        audience: 'case_manager',
        category: 'engagement',
        message: `IOP week ${week.weekStart} to ${week.weekEnd}: ${week.attendedHours} of ${week.targetHours} hours attended (ASAM 2.1).`,
        reading: { ...week },
        dedupeKey: `sessions:iop_below_target:${p.id}:${monday}`,
      });
      if (alert) raised += 1;
    }
    return raised;
  }
}
