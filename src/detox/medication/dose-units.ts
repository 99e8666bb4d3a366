/*
 * Dose units of medication orders and how they convert. Mass units (mcg, mg,
 * g) convert into each other exactly; volume (mL) converts through the order's
 * concentration (mg per mL of the liquid form); "units" (e.g. insulin,
 * heparin) only compare with themselves.
 */

export const DOSE_UNITS = ['mcg', 'mg', 'g', 'mL', 'units'] as const;
export type DoseUnit = (typeof DOSE_UNITS)[number];

/** Micrograms per unit, for the mass units. */
const MICROGRAMS: Readonly<Partial<Record<DoseUnit, number>>> = { mcg: 1, mg: 1_000, g: 1_000_000 };

/** Rounds to 6 decimals, removing binary floating-point noise from unit conversions and sums. */
export const cleanDose = (x: number): number => Math.round(x * 1e6) / 1e6;

/** `value` expressed in `to`, or null when the two units do not convert. */
export function convertDose(value: number, from: DoseUnit, to: DoseUnit): number | null {
  if (from === to) return value;
  const a = MICROGRAMS[from];
  const b = MICROGRAMS[to];
  if (a === undefined || b === undefined) return null;
  return cleanDose((value * a) / b);
}

/** An amount's unit, with the mg/mL concentration when it is a volume of a liquid form. */
export interface DoseMeasure {
  unit: DoseUnit;
  concentrationMgPerMl: number | null;
}

/** `value` measured as `from`, expressed as `to` (through the concentrations for mL), or null when it does not convert. */
export function convertMeasure(value: number, from: DoseMeasure, to: DoseMeasure): number | null {
  if (from.unit === to.unit && (from.unit !== 'mL' || from.concentrationMgPerMl === to.concentrationMgPerMl)) return value;
  const mg = from.unit === 'mL'
    ? (from.concentrationMgPerMl === null ? null : value * from.concentrationMgPerMl)
    : convertDose(value, from.unit, 'mg');
  if (mg === null) return null;
  if (to.unit !== 'mL') return convertDose(mg, 'mg', to.unit);
  return to.concentrationMgPerMl === null ? null : cleanDose(mg / to.concentrationMgPerMl);
}
