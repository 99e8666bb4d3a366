/*
 * What an assessment means for the next one: when it is due, or that CIWA-Ar
 * monitoring is complete. The interval follows the band the alert thresholds
 * in force give the total: an admin who lowers the CIWA-Ar severe threshold to
 * 14 gets hourly reassessment from 14, not only the alert (a setting makes a
 * rule more sensitive, never less).
 */
import type { DetoxAlertThresholds } from '../alerting/alert-thresholds';
import { ciwaDangerItems } from '../alerting/alert-rules';
import { ciwaMonitoringComplete, type CiwaPoint } from './ciwa-monitoring';
import { nextDueAt, reassessmentInterval, type ReassessmentIntervals, type ReassessmentScale } from './reassessment';

export interface ScoredPoint {
  scale: ReassessmentScale;
  total: number;
  /** The band of the published scale (CIWA-Ar 16+ severe; COWS 25-36, 37+). */
  band: string;
  itemScores: Readonly<Record<string, number>>;
  assessedAt: Date;
}

export interface ScheduleRules {
  intervals: ReassessmentIntervals;
  thresholds: DetoxAlertThresholds;
  ciwaStopAfterHoursUnder10: number;
  overdueGraceMinutes: number;
}

export interface NextAssessment {
  nextDueAt: Date | null;
  monitoringComplete: boolean;
}

const COWS_ORDER = ['none', 'mild', 'moderate', 'moderately_severe', 'severe'];

/** The band that sets the interval: the published one, raised to a more sensitive threshold the program set. */
export function schedulingBand(
  point: Pick<ScoredPoint, 'scale' | 'total' | 'band'>,
  thresholds: Pick<DetoxAlertThresholds, 'ciwaSevere' | 'cowsModeratelySevere' | 'cowsSevere'>,
): string {
  if (point.scale === 'CIWA-Ar') return point.total >= thresholds.ciwaSevere ? 'severe' : point.band;
  const raised = point.total >= thresholds.cowsSevere ? 'severe' : point.total >= thresholds.cowsModeratelySevere ? 'moderately_severe' : point.band;
  return COWS_ORDER.indexOf(raised) > COWS_ORDER.indexOf(point.band) ? raised : point.band;
}

/**
 * The schedule after `current`, given the episode's other assessments of the
 * same scale (later ones are ignored). COWS is never complete: it stops with
 * the episode.
 */
export function nextAssessment(
  current: ScoredPoint,
  history: readonly ScoredPoint[],
  rules: ScheduleRules,
  inInduction: boolean,
): NextAssessment {
  const band = schedulingBand(current, rules.thresholds);
  if (current.scale === 'CIWA-Ar') {
    const toCiwaPoint = (p: ScoredPoint): CiwaPoint => ({
      assessedAt: p.assessedAt,
      band: schedulingBand(p, rules.thresholds),
      itemDanger: ciwaDangerItems(p.itemScores).length > 0,
    });
    const complete = ciwaMonitoringComplete(history.map(toCiwaPoint), toCiwaPoint(current), {
      hoursUnder10: rules.ciwaStopAfterHoursUnder10,
      maxGapMinutes: reassessmentInterval('CIWA-Ar', 'minimal', rules.intervals) + rules.overdueGraceMinutes,
    });
    if (complete) return { nextDueAt: null, monitoringComplete: true };
  }
  return { nextDueAt: nextDueAt(current.scale, band, current.assessedAt, rules.intervals, inInduction), monitoringComplete: false };
}
