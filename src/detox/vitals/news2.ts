import { VitalSigns } from './vital-signs';

/*
 * NEWS2, National Early Warning Score 2.
 * Source: Royal College of Physicians. National Early Warning Score (NEWS) 2:
 * Standardising the assessment of acute-illness severity in the NHS. Updated
 * report of a working party. London: RCP, 2017. Chart 1 "The NEWS scoring
 * system" (the bands below) and Chart 2 "NEWS thresholds and triggers" (risk).
 * Checked against a copy of Chart 1 at
 * https://scribd.com/document/584338409/NEWS2-Chart-1-The-NEWS-scoring-system-0-0
 * and the cut points summarised in Clin Med (rcpjournals.org) Table 1.
 *
 * Resolution: the chart scores whole numbers for respiration rate, SpO2,
 * systolic BP and pulse, and tenths of a degree for temperature. A value with
 * more precision is rounded to the chart's resolution before scoring
 * (vital-signs.ts rejects such values at input anyway).
 */

export type News2Parameter =
  | 'respiratoryRate'
  | 'spo2'
  | 'supplementalOxygen'
  | 'temperature'
  | 'systolicBp'
  | 'heartRate'
  | 'consciousness';

export type News2Risk = 'low' | 'low_medium' | 'medium' | 'high';

/**
 * The SpO2 target each scale is for (RCP 2017, Chart 1 and section 5): scale 1
 * for the usual 94-98 %, scale 2 only for a prescribed 88-92 % target in
 * hypercapnic respiratory failure, decided for the patient by a clinician.
 */
export const SPO2_SCALE_TARGETS: Readonly<Record<1 | 2, { min: number; max: number }>> = {
  1: { min: 94, max: 98 },
  2: { min: 88, max: 92 },
};

export interface News2Result {
  complete: boolean;
  total: number | null;
  risk: News2Risk | null;
  subscores: Partial<Record<News2Parameter, number>>;
  /** VitalSigns field names that NEWS2 needs and were not given. */
  missing: string[];
}

/** A band scores `score` for values up to and including `upTo`; first match wins. */
type Band = readonly [upTo: number, score: number];

// Respiration rate: <=8: 3 | 9-11: 1 | 12-20: 0 | 21-24: 2 | >=25: 3
const RESPIRATION: readonly Band[] = [[8, 3], [11, 1], [20, 0], [24, 2], [Infinity, 3]];
// SpO2 scale 1: <=91: 3 | 92-93: 2 | 94-95: 1 | >=96: 0
const SPO2_SCALE_1: readonly Band[] = [[91, 3], [93, 2], [95, 1], [Infinity, 0]];
// SpO2 scale 2 (target 88-92 %, hypercapnic respiratory failure), whatever the oxygen:
// <=83: 3 | 84-85: 2 | 86-87: 1 | 88-92: 0. From 93 it depends on oxygen, see below.
const SPO2_SCALE_2_LOW: readonly Band[] = [[83, 3], [85, 2], [87, 1], [92, 0]];
// SpO2 scale 2, >=93 on oxygen: 93-94: 1 | 95-96: 2 | >=97: 3 (on air >=93 scores 0).
const SPO2_SCALE_2_ON_OXYGEN: readonly Band[] = [[94, 1], [96, 2], [Infinity, 3]];
// Systolic BP: <=90: 3 | 91-100: 2 | 101-110: 1 | 111-219: 0 | >=220: 3
const SYSTOLIC: readonly Band[] = [[90, 3], [100, 2], [110, 1], [219, 0], [Infinity, 3]];
// Pulse: <=40: 3 | 41-50: 1 | 51-90: 0 | 91-110: 1 | 111-130: 2 | >=131: 3
const PULSE: readonly Band[] = [[40, 3], [50, 1], [90, 0], [110, 1], [130, 2], [Infinity, 3]];
// Temperature, in tenths of a degree: <=35.0: 3 | 35.1-36.0: 1 | 36.1-38.0: 0 | 38.1-39.0: 1 | >=39.1: 2
const TEMPERATURE_TENTHS: readonly Band[] = [[350, 3], [360, 1], [380, 0], [390, 1], [Infinity, 2]];
// Air or oxygen: oxygen 2, air 0. Consciousness: A 0, C/V/P/U 3.
const ON_OXYGEN_SCORE = 2;
const NOT_ALERT_SCORE = 3;

function band(bands: readonly Band[], value: number): number {
  const hit = bands.find(([upTo]) => value <= upTo);
  if (!hit) throw new RangeError(`no NEWS2 band for ${value}`);
  return hit[1];
}

/** A usable number (finite); anything else counts as missing. */
const num = (x: number | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

function spo2Score(spo2: number, scale: 1 | 2, onOxygen: boolean | undefined): number | undefined {
  if (scale === 1) return band(SPO2_SCALE_1, spo2);
  if (spo2 <= 92) return band(SPO2_SCALE_2_LOW, spo2);
  if (onOxygen === undefined) return undefined; // cannot tell without the oxygen status
  return onOxygen ? band(SPO2_SCALE_2_ON_OXYGEN, spo2) : 0;
}

/**
 * Computes NEWS2 for one set of vitals. SpO2 scale defaults to 1. When any of
 * respiratory rate, SpO2, oxygen status, temperature, systolic BP, heart rate or
 * consciousness is missing, the result is incomplete: no total or risk, only
 * the subscores that could be computed, and the missing field names.
 */
export function computeNews2(v: VitalSigns): News2Result {
  const subscores: Partial<Record<News2Parameter, number>> = {};
  const missing: string[] = [];
  const oxygen = typeof v.onSupplementalOxygen === 'boolean' ? v.onSupplementalOxygen : undefined;

  if (num(v.respiratoryRate)) subscores.respiratoryRate = band(RESPIRATION, Math.round(v.respiratoryRate));
  else missing.push('respiratoryRate');

  if (num(v.spo2)) {
    const score = spo2Score(Math.round(v.spo2), v.spo2Scale === 2 ? 2 : 1, oxygen);
    if (score !== undefined) subscores.spo2 = score;
  } else missing.push('spo2');

  if (oxygen !== undefined) subscores.supplementalOxygen = oxygen ? ON_OXYGEN_SCORE : 0;
  else missing.push('onSupplementalOxygen');

  if (num(v.temperatureC)) subscores.temperature = band(TEMPERATURE_TENTHS, Math.round(v.temperatureC * 10));
  else missing.push('temperatureC');

  if (num(v.systolicBp)) subscores.systolicBp = band(SYSTOLIC, Math.round(v.systolicBp));
  else missing.push('systolicBp');

  if (num(v.heartRate)) subscores.heartRate = band(PULSE, Math.round(v.heartRate));
  else missing.push('heartRate');

  if (v.consciousness !== undefined) subscores.consciousness = v.consciousness === 'A' ? 0 : NOT_ALERT_SCORE;
  else missing.push('consciousness');

  if (missing.length > 0) return { complete: false, total: null, risk: null, subscores, missing };

  const scores = Object.values(subscores);
  const total = scores.reduce((sum, s) => sum + s, 0);
  return { complete: true, total, risk: news2Risk(total, scores.includes(3)), subscores, missing };
}

/** RCP Chart 2: 7+ high; 5-6 medium; 0-4 low, or low-medium if any single parameter scores 3. */
export function news2Risk(total: number, anySingleParameter3: boolean): News2Risk {
  if (total >= 7) return 'high';
  if (total >= 5) return 'medium';
  return anySingleParameter3 ? 'low_medium' : 'low';
}
