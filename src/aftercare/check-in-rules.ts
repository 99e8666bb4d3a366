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

/**
 * What explains a positive result for each analyte: the generic names of the drug table (lower case) and the
 * drug-table CNS-depressant classes whose ordered use makes that analyte test positive. The server derives
 * `expected` from this table and the patient's active medication orders; a client never sets it (a client-sent
 * "expected" could otherwise hide an unexpected positive). Sources: SAMHSA TIP 63 (2021) and ASAM Appropriate Use
 * of Drug Testing in Clinical Addiction Medicine (2017), on what each immunoassay detects:
 * - benzodiazepines: any benzodiazepine (the drug table's class `benzodiazepine`: chlordiazepoxide, diazepam,
 *   lorazepam, oxazepam, ... and drugs added to the table later with that class);
 * - opiates: the morphine-targeted assay detects morphine and codeine, and usually hydrocodone and hydromorphone;
 *   not the synthetic or semi-synthetic opioids that have their own assays below. The class `opioid` is NOT mapped
 *   as a whole: buprenorphine or methadone does not explain a positive opiates result;
 * - oxycodone: oxycodone and its metabolite oxymorphone; fentanyl, methadone, buprenorphine: the drug itself
 *   (buprenorphine also as buprenorphine/naloxone);
 * - alcohol (EtG) and cocaine: never prescribed, never expected.
 */
export const EXPLAINED_BY: Readonly<Record<Analyte, { readonly drugs: readonly string[]; readonly classes: readonly string[] }>> = {
  alcohol_etg: { drugs: [], classes: [] },
  amphetamines: { drugs: ['amphetamine', 'dextroamphetamine', 'lisdexamfetamine', 'methylphenidate'], classes: [] },
  benzodiazepines: {
    drugs: ['alprazolam', 'chlordiazepoxide', 'clonazepam', 'diazepam', 'lorazepam', 'oxazepam'],
    classes: ['benzodiazepine'],
  },
  buprenorphine: { drugs: ['buprenorphine', 'buprenorphine/naloxone', 'buprenorphine and naloxone'], classes: [] },
  cannabinoids: { drugs: ['dronabinol'], classes: [] },
  cocaine: { drugs: [], classes: [] },
  fentanyl: { drugs: ['fentanyl'], classes: [] },
  methadone: { drugs: ['methadone'], classes: [] },
  opiates: { drugs: ['codeine', 'morphine', 'hydrocodone', 'hydromorphone'], classes: [] },
  oxycodone: { drugs: ['oxycodone', 'oxymorphone'], classes: [] },
  baclofen: { drugs: ['baclofen'], classes: [] },
};

/** A drug of one of the patient's medication orders active at the check-in: its generic name and drug-table class. */
export interface ActiveDrug {
  name: string;
  cnsDepressantClass?: string | null;
}

/** Analytes a positive result is expected for, given the drugs of the patient's active orders. */
export function expectedAnalytes(activeDrugs: readonly (ActiveDrug | string)[]): Set<Analyte> {
  const drugs = activeDrugs.map((d) => (typeof d === 'string' ? { name: d } : d));
  const names = new Set(drugs.map((d) => d.name.trim().toLowerCase()));
  const classes = new Set(drugs.flatMap((d) => (d.cnsDepressantClass ? [d.cnsDepressantClass] : [])));
  return new Set(ANALYTES.filter((a) =>
    EXPLAINED_BY[a].drugs.some((drug) => names.has(drug)) || EXPLAINED_BY[a].classes.some((c) => classes.has(c))));
}

/** The results of a screen with `expected` derived from the active orders (never from the client). */
export function withExpected(
  results: readonly { analyte: Analyte; result: ScreenResult }[], activeDrugs: readonly (ActiveDrug | string)[],
): AnalyteResult[] {
  const prescribed = expectedAnalytes(activeDrugs);
  return results.map((r) => ({ analyte: r.analyte, result: r.result, expected: prescribed.has(r.analyte) }));
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
