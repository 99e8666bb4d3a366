import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { SettingsService } from '../../platform/settings/settings.service';
import { DetoxAlertsService } from '../alerting/detox-alerts.service';
import { REASSESSMENT_INTERVALS, REASSESSMENT_RULES } from '../detox-settings';
import { inOpioidInduction } from './opioid-induction.resolver';
import type { ReassessmentScale } from './reassessment';
import { nextAssessment, type NextAssessment, type ScheduleRules, type ScoredPoint } from './withdrawal-schedule';

type StoredPoint = ScoredPoint & { id: string };

/** A new assessment's place in its episode's schedule, worked out before it is written. */
export interface PlannedAssessment {
  /** The schedule as this assessment leaves it at its own time (stored with it). */
  own: NextAssessment;
  history: readonly StoredPoint[];
  rules: ScheduleRules;
}

/**
 * Keeps withdrawal_schedules: per episode and scale, when the next assessment
 * is due, recomputed from the whole history whenever an assessment is added
 * (one entered late can reopen or close monitoring). A transaction lock per
 * episode and scale makes concurrent assessments wait, so each sees the others.
 */
@Injectable()
export class WithdrawalSchedules {
  constructor(
    private readonly settings: SettingsService,
    private readonly detoxAlerts: DetoxAlertsService,
    private readonly config: AppConfig,
  ) {}

  async plan(manager: EntityManager, patientId: string, episodeId: string, point: ScoredPoint): Promise<PlannedAssessment> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('withdrawal-schedule:' || $1 || ':' || $2, 0))`, [
      episodeId, point.scale,
    ]);
    const rules: ScheduleRules = {
      intervals: await this.settings.get(REASSESSMENT_INTERVALS, manager),
      thresholds: await this.detoxAlerts.thresholds(manager),
      ...(await this.settings.get(REASSESSMENT_RULES, manager)),
    };
    const history = (await manager.query(
      `SELECT id, scale, total, band, item_scores AS "itemScores", assessed_at AS "assessedAt" FROM withdrawal_assessments
       WHERE episode_id = $1 AND scale = $2 ORDER BY assessed_at, recorded_at, id`,
      [episodeId, point.scale],
    )) as StoredPoint[];
    const own = await this.next(manager, patientId, point, history, rules);
    return { own, history, rules };
  }

  /** Stores the episode's schedule after `added` was written: the latest assessment's, over the whole history. */
  async save(manager: EntityManager, patientId: string, episodeId: string, added: StoredPoint, planned: PlannedAssessment): Promise<void> {
    // Ordered by time; an assessment at the same time as an earlier-recorded one counts as the later.
    const all = [...planned.history, added];
    const latest = all.reduce((a, b) => (b.assessedAt.getTime() >= a.assessedAt.getTime() ? b : a));
    const schedule = latest === added
      ? planned.own
      : await this.next(manager, patientId, latest, all.filter((p) => p !== latest), planned.rules);
    await manager.query(
      `INSERT INTO withdrawal_schedules (episode_id, scale, latest_assessment_id, next_due_at, monitoring_complete)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (episode_id, scale) DO UPDATE SET latest_assessment_id = EXCLUDED.latest_assessment_id,
         next_due_at = EXCLUDED.next_due_at, monitoring_complete = EXCLUDED.monitoring_complete, updated_at = now()`,
      [episodeId, added.scale, latest.id, schedule.nextDueAt?.toISOString() ?? null, schedule.monitoringComplete],
    );
  }

  private async next(
    manager: EntityManager, patientId: string, point: ScoredPoint, history: readonly ScoredPoint[], rules: ScheduleRules,
  ): Promise<NextAssessment> {
    const scale: ReassessmentScale = point.scale;
    const induction = scale === 'COWS' && (await inOpioidInduction(manager, patientId, point.assessedAt, this.config.PROGRAM_TIMEZONE));
    return nextAssessment(point, history, rules, induction);
  }
}
