import { DEFAULT_DETOX_ALERT_THRESHOLDS, type DepressantOverdosePattern, type DetoxAlertThresholds } from './alert-thresholds';
import { News2Result } from '../vitals/news2';
import {
  EMERGENCY_SIGNS, type ObservationSign, OVERDOSE_SIGNS, URGENT_SIGNS, WITHDRAWAL_SIGNS,
} from '../observations/observation-signs';
import { NumericVital, VitalSigns } from '../vitals/vital-signs';

/*
 * Detox alert rules as data. The thresholds are program settings
 * (alert-thresholds.ts). All comparisons are inclusive: a "...Max" fires at or
 * below the value, a "...Min" / score threshold at or above it. Messages carry
 * numbers only, never a patient's name; the caller attaches the patient.
 */

export type AlertSeverity = 'urgent' | 'emergency' | 'warning';
export type DetoxAlertRule =
  | 'news2_high'
  | 'news2_medium'
  | 'news2_single_parameter_3'
  | 'cns_depressant_overdose'
  | 'withdrawal_autonomic'
  | 'ciwa_severe'
  | 'ciwa_item_danger'
  | 'cows_moderately_severe'
  | 'cows_severe'
  | 'observed_emergency_sign'
  | 'observed_urgent_sign';

export interface DetoxAlert {
  rule: DetoxAlertRule;
  severity: AlertSeverity;
  message: string;
  signs: string[];
  /** NEWS2 parameters not measured: the alert fired on the parameters present, a lower bound. */
  missing?: string[];
}

/** The latest withdrawal-scale score, when the caller has one; counts as a withdrawal sign if severe. */
export interface LatestWithdrawalScore {
  scale: WithdrawalScale;
  total: number;
}

export type WithdrawalScale = 'CIWA-Ar' | 'COWS';

/** What else is known around a set of vitals: the latest scale score and the signs observed in the last hours. */
export interface PatternContext {
  latest?: LatestWithdrawalScore;
  observedSigns?: readonly ObservationSign[];
  /** The latest value of each vital sign taken earlier in the pattern window (other sets). */
  recentVitals?: VitalSigns;
}

function isSevereScore(s: LatestWithdrawalScore, t: DetoxAlertThresholds): boolean {
  return s.scale === 'CIWA-Ar' ? s.total >= t.ciwaSevere : s.total >= t.cowsSevere;
}

function scoredSigns(news2: News2Result, only3 = false): string[] {
  return Object.entries(news2.subscores)
    .filter(([, s]) => (only3 ? s === 3 : s > 0))
    .map(([p, s]) => `${p} scored ${s}`);
}

/**
 * At most one NEWS2 alert. An incomplete set has no total, but the parameters
 * present are a lower bound: when they alone reach the medium or high trigger,
 * that alert is raised, marked incomplete and naming the missing parameters
 * (RCP NEWS2 2017: the score is a sum of non-negative parameter scores).
 */
function news2Alerts(news2: News2Result, t: DetoxAlertThresholds): DetoxAlert[] {
  const total = news2.complete ? news2.total : null;
  const partial = Object.values(news2.subscores).reduce((sum, s) => sum + s, 0);
  const score = total ?? partial;
  const incomplete = total === null ? { missing: news2.missing } : {};
  const suffix = total === null ? `, incomplete: at least ${partial}, missing ${news2.missing.join(', ')}` : '';
  if (score >= t.news2High) {
    const message = `NEWS2 ${score} (high, ${t.news2High} or more${suffix}): emergency assessment`;
    return [{ rule: 'news2_high', severity: 'emergency', message, signs: scoredSigns(news2), ...incomplete }];
  }
  if (score >= t.news2Medium) {
    const message = `NEWS2 ${score} (medium, ${t.news2Medium} or more${suffix}): urgent review`;
    return [{ rule: 'news2_medium', severity: 'urgent', message, signs: scoredSigns(news2), ...incomplete }];
  }
  // A single 3 is reported even from an incomplete set: missing data must not hide it.
  const threes = scoredSigns(news2, true);
  if (t.singleParameter3 && threes.length > 0) {
    const message = `NEWS2 parameter scoring 3 (total ${total ?? 'incomplete'}): urgent ward review`;
    return [{ rule: 'news2_single_parameter_3', severity: 'urgent', message, signs: threes, ...incomplete }];
  }
  return [];
}

type SignField = Exclude<NumericVital, 'diastolicBp'>;
const LABELS: Record<SignField, string> = {
  respiratoryRate: 'respiratory rate',
  spo2: 'SpO2',
  heartRate: 'heart rate',
  systolicBp: 'systolic BP',
  temperatureC: 'temperature',
};
const UNITS: Record<SignField, string> = {
  respiratoryRate: '/min',
  spo2: ' %',
  heartRate: '/min',
  systolicBp: ' mmHg',
  temperatureC: ' °C',
};
const show = (field: SignField, x: number) => (field === 'temperatureC' ? x.toFixed(1) : String(x));

/** "heart rate 48/min (≤ 50)" when v[field] is at or beyond the limit, else null. */
function sign(v: VitalSigns, field: SignField, op: '≤' | '≥', limit: number): string | null {
  const x = v[field];
  if (x === undefined || (op === '≤' ? x > limit : x < limit)) return null;
  return `${LABELS[field]} ${show(field, x)}${UNITS[field]} (${op} ${show(field, limit)})`;
}

const present = (x: string | null): x is string => x !== null;
const observed = (signs: readonly ObservationSign[] | undefined, kinds: readonly ObservationSign[]) =>
  (signs ?? []).filter((s) => kinds.includes(s)).map((s) => `observed ${s}`);

function depressantSigns(v: VitalSigns, p: DepressantOverdosePattern, ctx: PatternContext): string[] {
  const signs = [
    sign(v, 'respiratoryRate', '≤', p.respiratoryRateMax),
    sign(v, 'spo2', '≤', p.spo2Max),
    sign(v, 'heartRate', '≤', p.heartRateMax),
    sign(v, 'systolicBp', '≤', p.systolicBpMax),
    sign(v, 'temperatureC', '≤', p.temperatureMax),
  ].filter(present);
  if (p.alteredConsciousness && v.consciousness !== undefined && v.consciousness !== 'A') {
    signs.push(`consciousness ${v.consciousness} (not alert)`);
  }
  return [...signs, ...observed(ctx.observedSigns, OVERDOSE_SIGNS)];
}

/**
 * A single sign at its extreme is enough on its own: respiratory rate at or
 * below extremeRespiratoryRateMax (default 8, NEWS2's band scoring 3) or
 * responding only to pain or unresponsive (ACVPU P or U).
 */
function extremeDepressantSigns(v: VitalSigns, p: DepressantOverdosePattern): string[] {
  const signs = [sign(v, 'respiratoryRate', '≤', p.extremeRespiratoryRateMax)].filter(present);
  if (v.consciousness === 'P' || v.consciousness === 'U') signs.push(`consciousness ${v.consciousness} (extreme)`);
  return signs;
}

/**
 * Withdrawal signs: tachycardia, fever, systolic hypertension, new confusion
 * (ACVPU C), a severe scale score and observed withdrawal signs. Tachycardia
 * with new confusion or fever, or a systolic BP of 180 or more with
 * tachycardia, is the pattern the article describes (issue 11).
 */
function withdrawalSigns(v: VitalSigns, t: DetoxAlertThresholds, ctx: PatternContext): string[] {
  const signs = [
    sign(v, 'heartRate', '≥', t.withdrawal.heartRateMin),
    sign(v, 'temperatureC', '≥', t.withdrawal.temperatureMin),
    sign(v, 'systolicBp', '≥', t.withdrawal.systolicBpMin),
    v.consciousness === 'C' ? 'consciousness C (new confusion)' : null,
    ctx.latest && isSevereScore(ctx.latest, t) ? `${ctx.latest.scale} ${ctx.latest.total} (severe)` : null,
  ].filter(present);
  return [...signs, ...observed(ctx.observedSigns, WITHDRAWAL_SIGNS)];
}

/**
 * Alerts raised by one set of vitals: at most one NEWS2 alert (the most severe
 * of high, medium, single parameter 3), then the overdose and withdrawal
 * patterns, which also count the signs observed around the vitals. A partial
 * set (a heart rate taken alone) joins the latest values of the other
 * parameters taken in the pattern window; a pattern only those earlier values
 * show was raised by them already, so only one this set completes is raised.
 */
export function evaluateVitalsAlerts(
  v: VitalSigns,
  news2: News2Result,
  thresholds: DetoxAlertThresholds = DEFAULT_DETOX_ALERT_THRESHOLDS,
  context: PatternContext = {},
): DetoxAlert[] {
  const own = evaluatePatternAlerts(v, thresholds, context);
  const recent = context.recentVitals ?? {};
  const already = new Set([...own, ...evaluatePatternAlerts(recent, thresholds, context)].map((a) => a.rule));
  const completed = evaluatePatternAlerts({ ...recent, ...v }, thresholds, context).filter((a) => !already.has(a.rule));
  return [...news2Alerts(news2, thresholds), ...own, ...completed];
}

/** The overdose and withdrawal patterns over vitals (possibly none) and observed signs. */
export function evaluatePatternAlerts(
  v: VitalSigns,
  thresholds: DetoxAlertThresholds = DEFAULT_DETOX_ALERT_THRESHOLDS,
  context: PatternContext = {},
): DetoxAlert[] {
  const alerts: DetoxAlert[] = [];
  const od = depressantSigns(v, thresholds.depressantOverdose, context);
  const extreme = extremeDepressantSigns(v, thresholds.depressantOverdose);
  const odMin = thresholds.depressantOverdose.minSigns;
  if (od.length >= odMin) {
    const message = `Possible CNS depressant overdose: ${od.length} danger signs (${odMin} or more)`;
    alerts.push({ rule: 'cns_depressant_overdose', severity: 'emergency', message, signs: od });
  } else if (extreme.length > 0) {
    const message = `Possible CNS depressant overdose: ${extreme.join(', ')} is an emergency on its own`;
    alerts.push({ rule: 'cns_depressant_overdose', severity: 'emergency', message, signs: extreme });
  }
  const wd = withdrawalSigns(v, thresholds, context);
  const wdMin = thresholds.withdrawal.minSigns;
  if (wd.length >= wdMin) {
    const message = `Possible severe withdrawal: ${wd.length} withdrawal signs (${wdMin} or more)`;
    alerts.push({ rule: 'withdrawal_autonomic', severity: 'urgent', message, signs: wd });
  }
  return alerts;
}

/** A present seizure, coma or delirium is an emergency; hallucinations, psychosis or rigidity urgent (issue 11). */
export function evaluateObservedSignAlerts(signs: readonly ObservationSign[]): DetoxAlert[] {
  const alerts: DetoxAlert[] = [];
  const emergency = signs.filter((s) => EMERGENCY_SIGNS.includes(s));
  const urgent = signs.filter((s) => URGENT_SIGNS.includes(s));
  if (emergency.length > 0) {
    const message = `Observed ${emergency.join(', ')}: emergency assessment`;
    alerts.push({ rule: 'observed_emergency_sign', severity: 'emergency', message, signs: emergency });
  }
  if (urgent.length > 0) {
    const message = `Observed ${urgent.join(', ')}: urgent review`;
    alerts.push({ rule: 'observed_urgent_sign', severity: 'urgent', message, signs: urgent });
  }
  return alerts;
}

/**
 * CIWA-Ar items that signal danger whatever the total: tactile, auditory or
 * visual disturbances of 4 or more (moderately severe hallucinations and up)
 * or orientation of 3 or more (disoriented for date by more than 2 days, or
 * for place or person), per the item anchors of Sullivan et al. 1989.
 */
export function ciwaDangerItems(itemScores: Readonly<Record<string, number>>): string[] {
  const limits: [string, number][] = [
    ['tactile_disturbances', 4], ['auditory_disturbances', 4], ['visual_disturbances', 4], ['orientation', 3],
  ];
  return limits.filter(([item, min]) => (itemScores[item] ?? 0) >= min).map(([item]) => `${item} ${itemScores[item]}`);
}

/** Alerts raised by a withdrawal-scale total (the band is only quoted in the message) and, for CIWA-Ar, its items. */
export function evaluateWithdrawalAlerts(
  scale: WithdrawalScale,
  total: number,
  band: string,
  thresholds: DetoxAlertThresholds = DEFAULT_DETOX_ALERT_THRESHOLDS,
  itemScores: Readonly<Record<string, number>> = {},
): DetoxAlert[] {
  const signs = [`${scale} ${total} (${band})`];
  if (scale === 'CIWA-Ar') {
    const alerts: DetoxAlert[] = [];
    if (total >= thresholds.ciwaSevere) {
      const message = `CIWA-Ar ${total} (${thresholds.ciwaSevere} or more): severe alcohol withdrawal, seizure risk`;
      alerts.push({ rule: 'ciwa_severe', severity: 'urgent', message, signs });
    }
    const danger = ciwaDangerItems(itemScores);
    if (danger.length > 0) {
      const message = `CIWA-Ar ${danger.join(', ')}: perceptual disturbance or disorientation, urgent review`;
      alerts.push({ rule: 'ciwa_item_danger', severity: 'urgent', message, signs: danger });
    }
    return alerts;
  }
  if (total >= thresholds.cowsSevere) {
    const message = `COWS ${total} (${thresholds.cowsSevere} or more): severe opioid withdrawal`;
    return [{ rule: 'cows_severe', severity: 'emergency', message, signs }];
  }
  if (total >= thresholds.cowsModeratelySevere) {
    const message = `COWS ${total} (${thresholds.cowsModeratelySevere} or more): moderately severe opioid withdrawal`;
    return [{ rule: 'cows_moderately_severe', severity: 'urgent', message, signs }];
  }
  return [];
}
