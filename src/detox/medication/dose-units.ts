/*
 * Dose units of medication orders and how they convert. Mass units (mcg, mg,
 * g) convert into each other exactly; volume (mL) and "units" (e.g. insulin,
 * heparin) only compare with themselves, because converting them needs a
 * concentration the order does not carry.
 */

export const DOSE_UNITS = ['mcg', 'mg', 'g', 'mL', 'units'] as const;
export type DoseUnit = (typeof DOSE_UNITS)[number];

/** Micrograms per unit, for the mass units. */
const MICROGRAMS: Readonly<Partial<Record<DoseUnit, number>>> = { mcg: 1, mg: 1_000, g: 1_000_000 };

/** Rounds to 6 decimals, removing binary floating-point noise from unit conversions. */
const clean = (x: number): number => Math.round(x * 1e6) / 1e6;

/** `value` expressed in `to`, or null when the two units do not convert. */
export function convertDose(value: number, from: DoseUnit, to: DoseUnit): number | null {
  if (from === to) return value;
  const a = MICROGRAMS[from];
  const b = MICROGRAMS[to];
  if (a === undefined || b === undefined) return null;
  return clean((value * a) / b);
}
