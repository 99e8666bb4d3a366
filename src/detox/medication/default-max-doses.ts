import { convertDose, type DoseUnit } from './dose-units';

/*
 * Documented default maximum doses per rolling 24 hours, used when an order
 * does not state `maxDosePer24h`. A drug not listed here must be ordered with
 * an explicit maximum. Adults, normal renal and hepatic function: an order for
 * anyone else states its own (lower) maximum.
 *
 * - baclofen, oral: 80 mg/day. DOMAIN.md ("Baclofen's maximum is 80 mg per 24
 *   hours"); FDA label for oral baclofen tablets: "total daily dose should not
 *   exceed a maximum of 80 mg daily (20 mg four times a day)".
 * - lofexidine (Lucemyra): 2.88 mg/day. FDA label section 2.1: "The total daily
 *   dosage ... should not exceed 2.88 mg (16 tablets) and no single dose should
 *   exceed 0.72 mg (4 tablets)."
 * - chlordiazepoxide (Librium), acute alcohol withdrawal: 300 mg/day. FDA label:
 *   "50 to 100 mg, followed by repeated doses as needed until agitation is
 *   controlled — up to 300 mg per day."
 *
 * Matching is on the drug name trimmed and lower-cased (orders carry the
 * generic name); a dose unit that converts (mcg, mg, g) is converted.
 */

export interface DefaultMaxDose {
  drug: string;
  maxPer24h: number;
  unit: DoseUnit;
  source: string;
}

export const DEFAULT_MAX_DOSES: readonly DefaultMaxDose[] = Object.freeze([
  { drug: 'baclofen', maxPer24h: 80, unit: 'mg', source: 'DOMAIN.md; FDA label, oral baclofen' },
  { drug: 'lofexidine', maxPer24h: 2.88, unit: 'mg', source: 'FDA label (Lucemyra) 2.1' },
  { drug: 'chlordiazepoxide', maxPer24h: 300, unit: 'mg', source: 'FDA label (Librium), acute alcohol withdrawal' },
]);

export const drugKey = (drug: string): string => drug.trim().toLowerCase();

/** The documented default maximum in the order's unit, or null when there is none for this drug and unit. */
export function defaultMaxDosePer24h(drug: string, unit: DoseUnit): number | null {
  const entry = DEFAULT_MAX_DOSES.find((d) => d.drug === drugKey(drug));
  if (!entry) return null;
  return convertDose(entry.maxPer24h, entry.unit, unit);
}
