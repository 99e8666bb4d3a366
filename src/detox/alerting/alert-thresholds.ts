import type { FieldError } from '../../common/field-error';
import { checkInRange, PLAUSIBLE_RANGES, type PlausibleRange } from '../vitals/vital-signs';

/*
 * The detox alert thresholds (program setting `alert-rules`). The defaults
 * below apply until an admin changes them; validateThresholds guards an update.
 * The defaults are also the least sensitive values allowed: the national
 * triggers (RCP NEWS2 2017 Chart 2: 5, 7 and a single parameter scoring 3;
 * the CIWA-Ar severe band 16+, Sullivan 1989; the COWS bands 25 and 36+,
 * Wesson & Ling 2003) and the program's danger patterns may be made more
 * sensitive by a setting, never less (DOMAIN.md, "Detox monitoring").
 */

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
  /** A respiratory rate at or below this is an emergency on its own (NEWS2 scores <= 8 as 3). */
  extremeRespiratoryRateMax: number;
}

/** Autonomic signs of withdrawal (abrupt stop of baclofen or alcohol). */
export interface WithdrawalPattern {
  heartRateMin: number; // tachycardia, bpm
  temperatureMin: number; // rising temperature, °C
  systolicBpMin: number; // hypertension, mmHg
  /** How many withdrawal signs (vitals, new confusion, severe score, observed signs) make the pattern fire. */
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
    extremeRespiratoryRateMax: 8, // RCP NEWS2 2017 Chart 1: respiration <= 8 scores 3
  }),
  withdrawal: Object.freeze({ heartRateMin: 110, temperatureMin: 38.0, systolicBpMin: 180, minSigns: 2 }),
});

export type DetoxAlertThresholdsUpdate = Partial<Omit<DetoxAlertThresholds, 'depressantOverdose' | 'withdrawal'>> & {
  depressantOverdose?: Partial<DepressantOverdosePattern>;
  withdrawal?: Partial<WithdrawalPattern>;
};

/**
 * How a threshold may move from its default and stay at least as sensitive:
 * `atMost` (a score or sign count that fires at or above it), `atLeast` (a
 * "...Max" that fires at or below it), `on` (a rule that must stay enabled).
 */
type Direction = 'atMost' | 'atLeast' | 'on';
type Leaf = { range: PlausibleRange; direction: Exclude<Direction, 'on'> } | 'on';
type Schema = { readonly [key: string]: Leaf | Schema };

const points = (min: number, max: number): PlausibleRange => ({ min, max, unit: 'points', decimals: 0 });
const signCount = (max: number): PlausibleRange => ({ min: 1, max, unit: 'signs', decimals: 0 });
const atMost = (range: PlausibleRange): Leaf => ({ range, direction: 'atMost' });
const atLeast = (range: PlausibleRange): Leaf => ({ range, direction: 'atLeast' });

const SCHEMA: Schema = {
  news2Medium: atMost(points(1, 20)),
  news2High: atMost(points(1, 20)),
  singleParameter3: 'on',
  ciwaSevere: atMost(points(1, 67)),
  cowsModeratelySevere: atMost(points(1, 48)),
  cowsSevere: atMost(points(1, 48)),
  depressantOverdose: {
    respiratoryRateMax: atLeast(PLAUSIBLE_RANGES.respiratoryRate),
    spo2Max: atLeast(PLAUSIBLE_RANGES.spo2),
    heartRateMax: atLeast(PLAUSIBLE_RANGES.heartRate),
    systolicBpMax: atLeast(PLAUSIBLE_RANGES.systolicBp),
    temperatureMax: atLeast(PLAUSIBLE_RANGES.temperatureC),
    alteredConsciousness: 'on',
    minSigns: atMost(signCount(6)),
    extremeRespiratoryRateMax: atLeast(PLAUSIBLE_RANGES.respiratoryRate),
  },
  withdrawal: {
    heartRateMin: atMost(PLAUSIBLE_RANGES.heartRate),
    temperatureMin: atMost(PLAUSIBLE_RANGES.temperatureC),
    systolicBpMin: atMost(PLAUSIBLE_RANGES.systolicBp),
    minSigns: atMost(signCount(6)),
  },
};

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const isLeaf = (rule: Leaf | Schema): rule is Leaf => rule === 'on' || typeof rule.direction === 'string';

function checkLeaf(rule: Leaf, value: unknown, floor: unknown): string | null {
  if (rule === 'on') {
    if (typeof value !== 'boolean') return 'must be true or false';
    return value ? null : 'may not be turned off: it is a national trigger or a program danger rule';
  }
  const message = checkInRange(value, rule.range);
  if (message) return message;
  const limit = floor as number;
  if (rule.direction === 'atMost' && (value as number) > limit) {
    return `must be ${limit} or less: a setting may make this trigger more sensitive, never less`;
  }
  if (rule.direction === 'atLeast' && (value as number) < limit) {
    return `must be ${limit} or more: a setting may make this trigger more sensitive, never less`;
  }
  return null;
}

function checkAgainst(schema: Schema, input: unknown, defaults: unknown, prefix: string): FieldError[] {
  if (!isRecord(input)) return [{ field: prefix || 'thresholds', message: 'must be an object' }];
  const floors = defaults as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(input)) {
    const field = prefix ? `${prefix}.${key}` : key;
    const rule = Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (rule === undefined) errors.push({ field, message: 'is not a known setting' });
    else if (isLeaf(rule)) {
      const message = checkLeaf(rule, value, floors[key]);
      if (message) errors.push({ field, message });
    } else errors.push(...checkAgainst(rule, value, floors[key], field));
  }
  return errors;
}

function clampLeaf(rule: Leaf, value: unknown, floor: unknown): unknown {
  if (rule === 'on') return true;
  if (typeof value !== 'number') return floor;
  return rule.direction === 'atMost' ? Math.min(value, floor as number) : Math.max(value, floor as number);
}

function clampAgainst(schema: Schema, value: Record<string, unknown>, floors: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const [key, rule] of Object.entries(schema)) {
    out[key] = isLeaf(rule)
      ? clampLeaf(rule, value[key], floors[key])
      : clampAgainst(rule, (value[key] ?? {}) as Record<string, unknown>, floors[key] as Record<string, unknown>);
  }
  return out;
}

/**
 * The thresholds made at least as sensitive as the defaults, field by field:
 * a value stored before validation refused less sensitive ones (or written
 * to the table directly) can never weaken a national trigger.
 */
export function atLeastAsSensitiveAsDefaults(t: DetoxAlertThresholds): DetoxAlertThresholds {
  const floors = DEFAULT_DETOX_ALERT_THRESHOLDS as unknown as Record<string, unknown>;
  return clampAgainst(SCHEMA, t as unknown as Record<string, unknown>, floors) as unknown as DetoxAlertThresholds;
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
 * keys, wrong types, out-of-range numbers and values less sensitive than the
 * defaults are rejected; the merged result must keep news2Medium < news2High
 * and cowsModeratelySevere < cowsSevere.
 */
export function validateThresholds(
  partial: unknown,
  current: DetoxAlertThresholds = DEFAULT_DETOX_ALERT_THRESHOLDS,
): FieldError[] {
  const errors = checkAgainst(SCHEMA, partial, DEFAULT_DETOX_ALERT_THRESHOLDS, '');
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
