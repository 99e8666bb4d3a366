import { daysBetween } from './follow-up-schedule';

/*
 * Drug screens and recovery status at an aftercare check-in (DOMAIN.md, Aftercare).
 * A positive result for a prescribed medication is expected, not a relapse sign
 * (SAMHSA TIP 63, "Medications for Opioid Use Disorder", urine drug testing;
 * ASAM Appropriate Use of Drug Testing, 2017).
 */

export const ANALYTES = [
  'alcohol_etg', 'amphetamines', 'benzodiazepines', 'buprenorphine', 'cannabinoids', 'cocaine', 'fentanyl',
  'methadone', 'opiates', 'oxycodone', 'baclofen',
] as const;
export type Analyte = (typeof ANALYTES)[number];

export const SCREEN_RESULTS = ['positive', 'negative', 'invalid'] as const;
export type ScreenResult = (typeof SCREEN_RESULTS)[number];

export const RECOVERY_STATUSES = ['abstinent', 'lapse', 'relapse'] as const;
export type RecoveryStatus = (typeof RECOVERY_STATUSES)[number];

/** Drugs (lower-case order names) whose use makes an analyte test positive. */
const PRESCRIBED_DRUGS: Readonly<Record<Analyte, readonly string[]>> = {
  alcohol_etg: [],
  amphetamines: ['amphetamine', 'dextroamphetamine', 'lisdexamfetamine', 'methylphenidate'],
  benzodiazepines: ['alprazolam', 'chlordiazepoxide', 'clonazepam', 'diazepam', 'lorazepam', 'oxazepam'],
  buprenorphine: ['buprenorphine', 'buprenorphine/naloxone'],
  cannabinoids: ['dronabinol'],
  cocaine: [],
  fentanyl: ['fentanyl'],
  methadone: ['methadone'],
  opiates: ['codeine', 'morphine'],
  oxycodone: ['oxycodone'],
  baclofen: ['baclofen'],
};

/** Analytes a positive result is expected for, given the drugs of the patient's active orders. */
export function expectedAnalytes(activeDrugs: readonly string[]): Set<Analyte> {
  const drugs = new Set(activeDrugs.map((d) => d.trim().toLowerCase()));
  return new Set(ANALYTES.filter((a) => PRESCRIBED_DRUGS[a].some((drug) => drugs.has(drug))));
}

export interface AnalyteResult {
  analyte: Analyte;
  result: ScreenResult;
  expected: boolean;
}

/** Positive results not explained by a prescription. */
export function unexpectedPositives(results: readonly AnalyteResult[]): Analyte[] {
  return results.filter((r) => r.result === 'positive' && !r.expected).map((r) => r.analyte);
}

/** Lapses within this many days of each other alert the case manager. */
export const REPEATED_LAPSE_WINDOW_DAYS = 30;

/**
 * A lapse on `date` is the second within 30 days when another lapse was reported in
 * the 30 days before it (a lapse pattern predicts full relapse; Marlatt & Gordon,
 * Relapse Prevention, 1985).
 */
export function isRepeatedLapse(status: RecoveryStatus, date: string, earlierLapseDates: readonly string[]): boolean {
  if (status !== 'lapse') return false;
  return earlierLapseDates.some((d) => {
    const gap = daysBetween(d, date);
    return gap >= 0 && gap <= REPEATED_LAPSE_WINDOW_DAYS;
  });
}
