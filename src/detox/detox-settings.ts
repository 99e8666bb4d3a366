import type { FieldError } from '../common/field-error';
import { integerFields, type SettingDefinition } from '../platform/settings/setting-definition';
import {
  atLeastAsSensitiveAsDefaults,
  DEFAULT_DETOX_ALERT_THRESHOLDS,
  type DetoxAlertThresholds,
  type DetoxAlertThresholdsUpdate,
  mergeThresholds,
  validateThresholds,
} from './alerting/alert-thresholds';
import { MIN_HOURS_UNDER_10 } from './withdrawal/ciwa-monitoring';
import { DEFAULT_REASSESSMENT_INTERVALS, type ReassessmentIntervals } from './withdrawal/reassessment';

/*
 * The detox module's program settings (admins change them with
 * PUT /api/v1/settings/{key} {value}); the defaults are documented here and in
 * the pure files they come from.
 */

/**
 * Alert-rule thresholds (alert-rules.ts). The stored value holds the thresholds
 * that differ from the defaults; a field left out takes its documented default,
 * so `{"news2Medium": 4}` changes only that rule.
 */
export const ALERT_RULES: SettingDefinition<DetoxAlertThresholdsUpdate> = {
  key: 'alert-rules',
  description:
    'Detox alert thresholds: NEWS2 medium (default 5) and high (7), single parameter scoring 3 (on), CIWA-Ar severe ' +
    '(16), COWS moderately severe (25) and severe (37), CNS-depressant overdose pattern (respiratory rate <= 10/min, ' +
    'SpO2 <= 92 %, heart rate <= 50/min, systolic BP <= 90 mmHg, temperature <= 35.0 °C, consciousness not alert, ' +
    'observed somnolence, coma, hyporeflexia or flaccidity; 2 signs; respiratory rate <= 8/min alone is an ' +
    'emergency) and withdrawal pattern (heart rate >= 110/min, temperature >= 38.0 °C, systolic BP >= 180 mmHg, ' +
    'new confusion, severe scale score, observed withdrawal signs; 2 signs). Fields left out take their default. ' +
    'A value may only make a rule more sensitive than its default (the national NEWS2, CIWA-Ar and COWS triggers).',
  defaultValue: DEFAULT_DETOX_ALERT_THRESHOLDS,
  validate: (value) =>
    validateThresholds(value).map((e) => ({ ...e, field: e.field === 'thresholds' ? 'value' : `value.${e.field}` })),
};

/** The thresholds in force: the stored overrides on top of the defaults, never less sensitive than them. */
export function effectiveThresholds(stored: DetoxAlertThresholdsUpdate): DetoxAlertThresholds {
  return atLeastAsSensitiveAsDefaults(mergeThresholds(DEFAULT_DETOX_ALERT_THRESHOLDS, stored));
}

const INTERVAL_BOUNDS: [min: number, max: number] = [5, 1440];

function validateIntervals(value: unknown): FieldError[] {
  const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isRecord(value)) return [{ field: 'value', message: 'must be an object' }];
  const errors: FieldError[] = [];
  const scales = DEFAULT_REASSESSMENT_INTERVALS as unknown as Record<string, Record<string, number>>;
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(scales, key)) errors.push({ field: `value.${key}`, message: 'unknown scale' });
  }
  for (const [scale, bands] of Object.entries(scales)) {
    const given = value[scale];
    if (!isRecord(given)) {
      errors.push({ field: `value.${scale}`, message: `must be an object with ${Object.keys(bands).join(', ')}` });
      continue;
    }
    for (const key of Object.keys(given)) {
      if (!Object.hasOwn(bands, key)) errors.push({ field: `value.${scale}.${key}`, message: 'unknown band' });
    }
    for (const band of Object.keys(bands)) {
      const minutes = given[band];
      const [min, max] = INTERVAL_BOUNDS;
      const longest = bands[band] as number;
      if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < min || minutes > max) {
        errors.push({ field: `value.${scale}.${band}`, message: `must be a whole number of minutes from ${min} to ${max}` });
      } else if (minutes > longest) {
        errors.push({
          field: `value.${scale}.${band}`,
          message: `must be ${longest} or less: a setting may make reassessment more frequent, never less`,
        });
      }
    }
  }
  return errors;
}

/** Minutes from one withdrawal assessment to the next, per scale and band (reassessment.ts). */
export const REASSESSMENT_INTERVALS: SettingDefinition<ReassessmentIntervals> = {
  key: 'detox.reassessment-intervals',
  description:
    'Minutes until the next withdrawal assessment, by scale and band. Defaults, which are also the longest allowed ' +
    '(a setting may reassess more often, never less): CIWA-Ar severe 60, moderate 240, ' +
    'minimal 480; COWS severe, moderately severe and moderate 240, mild 480, none 720. During buprenorphine or ' +
    'methadone induction (an active order started in the last 3 days) no COWS band waits longer than moderate.',
  defaultValue: DEFAULT_REASSESSMENT_INTERVALS,
  validate: validateIntervals,
};

export interface ReassessmentRules {
  /** A reassessment later than due + this raises one overdue alert. */
  overdueGraceMinutes: number;
  /** CIWA-Ar monitoring ends after this many hours of unbroken scores under 10. */
  ciwaStopAfterHoursUnder10: number;
}

export const REASSESSMENT_RULES: SettingDefinition<ReassessmentRules> = {
  key: 'detox.reassessment',
  description:
    'overdueGraceMinutes (default 15): how late a withdrawal reassessment may be before an overdue alert; ' +
    'ciwaStopAfterHoursUnder10 (default 24, the least allowed): CIWA-Ar reassessment stops after this many hours of ' +
    'scores under 10 taken on time (a reassessment later than its interval plus the grace restarts the count).',
  defaultValue: { overdueGraceMinutes: 15, ciwaStopAfterHoursUnder10: 24 },
  validate: integerFields({ overdueGraceMinutes: [0, 240], ciwaStopAfterHoursUnder10: [MIN_HOURS_UNDER_10, 168] }),
};

export const MISSED_DOSE: SettingDefinition<{ graceMinutes: number }> = {
  key: 'detox.missed-dose',
  description:
    'graceMinutes (default 120): a scheduled dose of a tapered medication not given within this many minutes ' +
    'of its time raises a missed-dose alert; only an administration this close to a scheduled time fulfils it, ' +
    'and a dose can be held or refused from this long before its time on.',
  defaultValue: { graceMinutes: 120 },
  validate: integerFields({ graceMinutes: [15, 720] }),
};

/**
 * How far back observed signs and vitals join each other in the overdose and
 * withdrawal patterns (default 4 hours, the longest reassessment interval
 * while withdrawal is moderate or worse).
 */
export const PATTERN_WINDOW: SettingDefinition<{ hours: number }> = {
  key: 'detox.pattern-window',
  description:
    'hours (default 4): observed signs and vital signs taken within this many hours of each other count together ' +
    'in the CNS-depressant overdose and withdrawal patterns.',
  defaultValue: { hours: 4 },
  validate: integerFields({ hours: [1, 24] }),
};

export const DETOX_SETTINGS: readonly SettingDefinition<unknown>[] = [
  ALERT_RULES, REASSESSMENT_INTERVALS, REASSESSMENT_RULES, MISSED_DOSE, PATTERN_WINDOW,
];
