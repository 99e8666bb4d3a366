/**
 * One set of detox vital signs, as recorded at the bedside. Every field is
 * optional here: completeness is judged by NEWS2 (see news2.ts), plausibility
 * by checkPlausible below.
 */
import type { FieldError } from '../../common/field-error';
export type Consciousness = 'A' | 'C' | 'V' | 'P' | 'U';

export interface VitalSigns {
  heartRate?: number; // beats per minute
  systolicBp?: number; // mmHg
  diastolicBp?: number; // mmHg
  respiratoryRate?: number; // breaths per minute
  temperatureC?: number; // °C, one decimal
  spo2?: number; // %
  /** NEWS2 SpO2 scale; 2 only for prescribed hypercapnic respiratory failure. Default 1. */
  spo2Scale?: 1 | 2;
  onSupplementalOxygen?: boolean;
  /** ACVPU: alert, new confusion, voice, pain, unresponsive. */
  consciousness?: Consciousness;
}

export type NumericVital =
  | 'heartRate'
  | 'systolicBp'
  | 'diastolicBp'
  | 'respiratoryRate'
  | 'temperatureC'
  | 'spo2';

export interface PlausibleRange {
  min: number;
  max: number;
  unit: string;
  /** Decimal places allowed: 0 = whole numbers only. */
  decimals: 0 | 1;
}

/** Ranges (inclusive) outside which a reading is taken to be a typing error. */
export const PLAUSIBLE_RANGES: Readonly<Record<NumericVital, PlausibleRange>> = {
  heartRate: { min: 20, max: 250, unit: 'bpm', decimals: 0 },
  systolicBp: { min: 50, max: 260, unit: 'mmHg', decimals: 0 },
  diastolicBp: { min: 20, max: 160, unit: 'mmHg', decimals: 0 },
  respiratoryRate: { min: 4, max: 60, unit: 'breaths/min', decimals: 0 },
  temperatureC: { min: 30, max: 43.5, unit: '°C', decimals: 1 },
  spo2: { min: 50, max: 100, unit: '%', decimals: 0 },
};

/** True when `value` has at most `decimals` decimal places (tolerates float noise). */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-9;
}

/** Checks one number against a range; returns an error message or null. */
export function checkInRange(value: unknown, range: PlausibleRange): string | null {
  const shape = range.decimals === 0 ? 'a whole number' : `a number with at most ${range.decimals} decimal`;
  if (typeof value !== 'number' || !Number.isFinite(value) || !hasAtMostDecimals(value, range.decimals)) {
    return `must be ${shape}`;
  }
  if (value < range.min || value > range.max) {
    return `must be between ${range.min} and ${range.max} ${range.unit}`;
  }
  return null;
}

const CONSCIOUSNESS: readonly string[] = ['A', 'C', 'V', 'P', 'U'];

/**
 * Returns every implausible field of a set of vitals (empty when all present
 * values are plausible). Absent fields are not errors here.
 */
export function checkPlausible(v: VitalSigns): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of Object.keys(PLAUSIBLE_RANGES) as NumericVital[]) {
    const value = v[field];
    if (value === undefined) continue;
    const message = checkInRange(value, PLAUSIBLE_RANGES[field]);
    if (message) errors.push({ field, message });
  }
  const { systolicBp: sys, diastolicBp: dia } = v;
  const bpValid = !errors.some((e) => e.field === 'systolicBp' || e.field === 'diastolicBp');
  if (sys !== undefined && dia !== undefined && bpValid && dia >= sys) {
    errors.push({ field: 'diastolicBp', message: 'must be below the systolic pressure' });
  }
  if (v.spo2Scale !== undefined && v.spo2Scale !== 1 && v.spo2Scale !== 2) {
    errors.push({ field: 'spo2Scale', message: 'must be 1 or 2' });
  }
  if (v.onSupplementalOxygen !== undefined && typeof v.onSupplementalOxygen !== 'boolean') {
    errors.push({ field: 'onSupplementalOxygen', message: 'must be true or false' });
  }
  if (v.consciousness !== undefined && !CONSCIOUSNESS.includes(v.consciousness)) {
    errors.push({ field: 'consciousness', message: 'must be one of A, C, V, P, U' });
  }
  return errors;
}
