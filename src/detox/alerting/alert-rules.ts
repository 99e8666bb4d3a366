import { News2Result } from '../vitals/news2';
import { checkInRange, FieldError, NumericVital, PLAUSIBLE_RANGES, PlausibleRange, VitalSigns } from '../vitals/vital-signs';

/*
 * Detox alert rules as data. The thresholds are program settings: the defaults
 * below apply until an admin changes them (validateThresholds guards an update).
 * All comparisons are inclusive: a "...Max" fires at or below the value, a
 * "...Min" / score threshold at or above it. Messages carry numbers only, never
 * a patient's name; the caller attaches the patient to the alert.
 */

export type AlertSeverity = 'urgent' | 'emergency' | 'warning';
export type DetoxAlertRule =
  | 'news2_high'
  | 'news2_medium'
  | 'news2_single_parameter_3'
  | 'cns_depressant_overdose'
  | 'withdrawal_autonomic'
  | 'ciwa_severe'
  | 'cows_moderately_severe'
  | 'cows_severe';

export interface DetoxAlert {
  rule: DetoxAlertRule;
  severity: AlertSeverity;
  message: string;
  signs: string[];
}

/** Signs of CNS-depressant (baclofen, alcohol, opioid) overdose or toxicity. */
export interface DepressantOverdosePattern {
  respiratoryRateMax: number; // slow breathing, breaths/min
  spo2Max: number; // shallow breathing, %
  heartRateMax: number; // bradycardia, bpm
  systolicBpMax: number; // hypotension, mmHg
  temperatureMax: number; // hypothermia, °C
  /** Count any consciousness other than alert (C, V, P, U) as a sign. */
  alteredConsciousness: boolean;
  /** How many of the signs above make the pattern fire. */
  minSigns: number;
}

/** Autonomic signs of withdrawal (abrupt stop of baclofen or alcohol). */
export interface WithdrawalPattern {
  heartRateMin: number; // tachycardia, bpm
  temperatureMin: number; // rising temperature, °C
  /** How many of tachycardia, fever and a severe scale score make the pattern fire. */
  minSigns: number;
}

export interface DetoxAlertThresholds {
  news2Medium: number;
  news2High: number;
  /** Alert when any NEWS2 parameter scores 3 and the total is below news2Medium. */
  singleParameter3: boolean;
  ciwaSevere: number;
  cowsModeratelySevere: number;
  cowsSevere: number;
  depressantOverdose: DepressantOverdosePattern;
  withdrawal: WithdrawalPattern;
}

export const DEFAULT_DETOX_ALERT_THRESHOLDS: Readonly<DetoxAlertThresholds> = Object.freeze({
  news2Medium: 5, // RCP NEWS2 2017: 5-6 medium, urgent review
  news2High: 7, // RCP NEWS2 2017: 7+ high, emergency response
  singleParameter3: true, // RCP NEWS2 2017: a single 3 is low-medium, urgent ward review
  ciwaSevere: 16, // CIWA-Ar 16+ severe (seizure and delirium risk)
  cowsModeratelySevere: 25, // COWS 25-36 moderately severe
  cowsSevere: 37, // COWS above 36 severe
  depressantOverdose: Object.freeze({
    respiratoryRateMax: 10,
    spo2Max: 92,
    heartRateMax: 50,
    systolicBpMax: 90,
    temperatureMax: 35.0,
    alteredConsciousness: true,
    minSigns: 2,
  }),
  withdrawal: Object.freeze({ heartRateMin: 110, temperatureMin: 38.0, minSigns: 2 }),
});

/** The latest withdrawal-scale score, when the caller has one; counts as a withdrawal sign if severe. */
export interface LatestWithdrawalScore {
  scale: WithdrawalScale;
  total: number;
}

export type WithdrawalScale = 'CIWA-Ar' | 'COWS';

function isSevereScore(s: LatestWithdrawalScore, t: DetoxAlertThresholds): boolean {
  return s.scale === 'CIWA-Ar' ? s.total >= t.ciwaSevere : s.total >= t.cowsSevere;
}

function scoredSigns(news2: News2Result, only3 = false): string[] {
  return Object.entries(news2.subscores)
    .filter(([, s]) => (only3 ? s === 3 : s > 0))
    .map(([p, s]) => `${p} scored ${s}`);
}

function news2Alerts(news2: News2Result, t: DetoxAlertThresholds): DetoxAlert[] {
  const total = news2.complete ? news2.total : null;
  if (total !== null && total >= t.news2High) {
    const message = `NEWS2 ${total} (high, ${t.news2High} or more): emergency assessment`;
    return [{ rule: 'news2_high', severity: 'emergency', message, signs: scoredSigns(news2) }];
  }
  if (total !== null && total >= t.news2Medium) {
    const message = `NEWS2 ${total} (medium, ${t.news2Medium} or more): urgent review`;
    return [{ rule: 'news2_medium', severity: 'urgent', message, signs: scoredSigns(news2) }];
  }
  // A single 3 is reported even from an incomplete set: missing data must not hide it.
  const threes = scoredSigns(news2, true);
  if (t.singleParameter3 && threes.length > 0) {
    const message = `NEWS2 parameter scoring 3 (total ${total ?? 'incomplete'}): urgent ward review`;
    return [{ rule: 'news2_single_parameter_3', severity: 'urgent', message, signs: threes }];
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

function depressantSigns(v: VitalSigns, p: DepressantOverdosePattern): string[] {
  const signs = [
    sign(v, 'respiratoryRate', '≤', p.respiratoryRateMax),
    sign(v, 'spo2', '≤', p.spo2Max),
    sign(v, 'heartRate', '≤', p.heartRateMax),
    sign(v, 'systolicBp', '≤', p.systolicBpMax),
    sign(v, 'temperatureC', '≤', p.temperatureMax),
  ];
  if (p.alteredConsciousness && v.consciousness !== undefined && v.consciousness !== 'A') {
    signs.push(`consciousness ${v.consciousness} (not alert)`);
  }
  return signs.filter((x): x is string => x !== null);
}

function withdrawalSigns(v: VitalSigns, t: DetoxAlertThresholds, latest?: LatestWithdrawalScore): string[] {
  const signs = [
    sign(v, 'heartRate', '≥', t.withdrawal.heartRateMin),
    sign(v, 'temperatureC', '≥', t.withdrawal.temperatureMin),
    latest && isSevereScore(latest, t) ? `${latest.scale} ${latest.total} (severe)` : null,
  ];
  return signs.filter((x): x is string => x !== null);
}

/**
 * Alerts raised by one set of vitals: at most one NEWS2 alert (the most severe
 * of high, medium, single parameter 3), then the overdose and withdrawal
 * patterns. `latest` (optional) is the patient's latest withdrawal-scale score;
 * a severe score counts as one withdrawal sign.
 */
export function evaluateVitalsAlerts(
  v: VitalSigns,
  news2: News2Result,
  thresholds: DetoxAlertThresholds = DEFAULT_DETOX_ALERT_THRESHOLDS,
  latest?: LatestWithdrawalScore,
): DetoxAlert[] {
  const alerts = news2Alerts(news2, thresholds);
  const od = depressantSigns(v, thresholds.depressantOverdose);
  const odMin = thresholds.depressantOverdose.minSigns;
  if (od.length >= odMin) {
    const message = `Possible CNS depressant overdose: ${od.length} danger signs (${odMin} or more)`;
    alerts.push({ rule: 'cns_depressant_overdose', severity: 'emergency', message, signs: od });
  }
  const wd = withdrawalSigns(v, thresholds, latest);
  const wdMin = thresholds.withdrawal.minSigns;
  if (wd.length >= wdMin) {
    const message = `Possible severe withdrawal: ${wd.length} autonomic signs (${wdMin} or more)`;
    alerts.push({ rule: 'withdrawal_autonomic', severity: 'urgent', message, signs: wd });
  }
  return alerts;
}

/** Alerts raised by a withdrawal-scale total (the band is only quoted in the message). */
export function evaluateWithdrawalAlerts(
  scale: WithdrawalScale,
  total: number,
  band: string,
  thresholds: DetoxAlertThresholds = DEFAULT_DETOX_ALERT_THRESHOLDS,
): DetoxAlert[] {
  const signs = [`${scale} ${total} (${band})`];
  if (scale === 'CIWA-Ar') {
    if (total < thresholds.ciwaSevere) return [];
    const message = `CIWA-Ar ${total} (${thresholds.ciwaSevere} or more): severe alcohol withdrawal, seizure risk`;
    return [{ rule: 'ciwa_severe', severity: 'urgent', message, signs }];
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

// ---- Settings updates -------------------------------------------------------

export type DetoxAlertThresholdsUpdate = Partial<Omit<DetoxAlertThresholds, 'depressantOverdose' | 'withdrawal'>> & {
  depressantOverdose?: Partial<DepressantOverdosePattern>;
  withdrawal?: Partial<WithdrawalPattern>;
};

type Leaf = PlausibleRange | 'boolean';
type Schema = { readonly [key: string]: Leaf | Schema };

const points = (min: number, max: number): PlausibleRange => ({ min, max, unit: 'points', decimals: 0 });
const signCount = (max: number): PlausibleRange => ({ min: 1, max, unit: 'signs', decimals: 0 });

const SCHEMA: Schema = {
  news2Medium: points(1, 20),
  news2High: points(1, 20),
  singleParameter3: 'boolean',
  ciwaSevere: points(1, 67),
  cowsModeratelySevere: points(1, 48),
  cowsSevere: points(1, 48),
  depressantOverdose: {
    respiratoryRateMax: PLAUSIBLE_RANGES.respiratoryRate,
    spo2Max: PLAUSIBLE_RANGES.spo2,
    heartRateMax: PLAUSIBLE_RANGES.heartRate,
    systolicBpMax: PLAUSIBLE_RANGES.systolicBp,
    temperatureMax: PLAUSIBLE_RANGES.temperatureC,
    alteredConsciousness: 'boolean',
    minSigns: signCount(6),
  },
  withdrawal: {
    heartRateMin: PLAUSIBLE_RANGES.heartRate,
    temperatureMin: PLAUSIBLE_RANGES.temperatureC,
    minSigns: signCount(3),
  },
};

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const isRange = (rule: PlausibleRange | Schema): rule is PlausibleRange => typeof rule.unit === 'string';

function checkAgainst(schema: Schema, input: unknown, prefix: string): FieldError[] {
  if (!isRecord(input)) return [{ field: prefix || 'thresholds', message: 'must be an object' }];
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(input)) {
    const field = prefix ? `${prefix}.${key}` : key;
    const rule = Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (rule === undefined) errors.push({ field, message: 'is not a known setting' });
    else if (rule === 'boolean') {
      if (typeof value !== 'boolean') errors.push({ field, message: 'must be true or false' });
    } else if (isRange(rule)) {
      const message = checkInRange(value, rule);
      if (message) errors.push({ field, message });
    } else errors.push(...checkAgainst(rule, value, field));
  }
  return errors;
}

/** Applies an update (assumed valid) to the current thresholds. */
export function mergeThresholds(
  current: DetoxAlertThresholds,
  update: DetoxAlertThresholdsUpdate,
): DetoxAlertThresholds {
  return {
    ...current,
    ...update,
    depressantOverdose: { ...current.depressantOverdose, ...update.depressantOverdose },
    withdrawal: { ...current.withdrawal, ...update.withdrawal },
  };
}

/**
 * Field errors for a settings update (a partial DetoxAlertThresholds). Unknown
 * keys, wrong types and out-of-range numbers are rejected; the merged result
 * must keep news2Medium < news2High and cowsModeratelySevere < cowsSevere.
 */
export function validateThresholds(
  partial: unknown,
  current: DetoxAlertThresholds = DEFAULT_DETOX_ALERT_THRESHOLDS,
): FieldError[] {
  const errors = checkAgainst(SCHEMA, partial, '');
  if (errors.length > 0) return errors;
  const merged = mergeThresholds(current, partial as DetoxAlertThresholdsUpdate);
  if (merged.news2Medium >= merged.news2High) {
    errors.push({ field: 'news2Medium', message: 'must be below news2High' });
  }
  if (merged.cowsModeratelySevere >= merged.cowsSevere) {
    errors.push({ field: 'cowsModeratelySevere', message: 'must be below cowsSevere' });
  }
  return errors;
}
