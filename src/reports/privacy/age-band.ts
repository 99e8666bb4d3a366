/**
 * Ages in bands instead of dates of birth (HIPAA Safe Harbor, 45 CFR
 * 164.514(b)(2)(i)(C): no element of a date but the year, and ages over 89
 * aggregated into one category).
 */
const BANDS: readonly [min: number, label: string][] = [
  [90, '90+'],
  [65, '65-89'],
  [55, '55-64'],
  [45, '45-54'],
  [35, '35-44'],
  [25, '25-34'],
  [18, '18-24'],
  [0, 'under 18'],
];

export function ageBand(ageYears: number | null): string | null {
  if (ageYears === null || !Number.isInteger(ageYears) || ageYears < 0) return null;
  return (BANDS.find(([min]) => ageYears >= min) as [number, string])[1];
}
