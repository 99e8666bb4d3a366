/*
 * Strengths as the drug table writes them ("10 mg", "5 mg/5 mL", "500 mcg/mL")
 * and as an order's drug name may carry one ("Lioresal 10 mg"), so an order
 * can only name a strength the product has and can only count a liquid in mL
 * through a concentration the product is made in (a 5 mg/mL suspension
 * counted as 1 mg/mL would let five times the labelled maximum through).
 */
import { convertDose, type DoseUnit } from '../dose-units';

export type Strength =
  | { kind: 'amount'; mg: number }
  | { kind: 'concentration'; mgPerMl: number };

const MASS: Readonly<Record<string, DoseUnit>> = { mcg: 'mcg', ug: 'mcg', mg: 'mg', g: 'g' };
/** A number with a mass unit, optionally "/ [volume] mL". */
const STRENGTH = /(\d+(?:[.,]\d+)?)\s*(mcg|ug|mg|g)\b(?:\s*\/\s*(\d+(?:[.,]\d+)?)?\s*ml\b)?/i;

const num = (s: string): number => Number(s.replace(',', '.'));
const clean = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The first strength written in `text`, or null when it holds none this can read. */
export function parseStrength(text: string): Strength | null {
  const m = STRENGTH.exec(text);
  if (!m) return null;
  const [, amount, unit, volume] = m;
  const mg = convertDose(num(amount as string), MASS[(unit as string).toLowerCase()] as DoseUnit, 'mg') as number;
  if (!/\/\s*(\d+(?:[.,]\d+)?)?\s*ml/i.test(m[0])) return { kind: 'amount', mg };
  const ml = volume === undefined ? 1 : num(volume);
  return ml > 0 ? { kind: 'concentration', mgPerMl: clean(mg / ml) } : null;
}

/** Whether `strength` is one of `labelled` (written in any of the table's ways). */
export function hasStrength(labelled: readonly string[], strength: Strength): boolean {
  const wanted = describeStrength(strength);
  return labelled.some((text) => {
    const s = parseStrength(text);
    return s !== null && describeStrength(s) === wanted;
  });
}

/** The mg/mL concentrations among `labelled`, ascending and without repeats. */
export function concentrations(labelled: readonly string[]): number[] {
  const values = labelled
    .map(parseStrength)
    .flatMap((s) => (s?.kind === 'concentration' ? [s.mgPerMl] : []));
  return [...new Set(values)].sort((a, b) => a - b);
}

export function describeStrength(s: Strength): string {
  return s.kind === 'amount' ? `${s.mg} mg` : `${s.mgPerMl} mg/mL`;
}
