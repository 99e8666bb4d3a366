/*
 * The name an order gives for a drug, reduced to what the drug table is keyed
 * by: lower case, single spaces, without a strength ("baclofen 10 mg",
 * "Ozobax 5 mg/5 mL"), a trademark sign or a dosage form ("tablets",
 * "oral suspension"). Brand names are then resolved to the generic through the
 * table (drug_names), so "Lioresal 10 mg" is baclofen and baclofen's default
 * maximum and rolling window apply (FDA label: Lioresal, Kemstro, Ozobax,
 * Lyvispah, Fleqsuvy and Gablofen are all baclofen).
 */

const TRADEMARK = /[®™]/g;
/** A strength: a number with a unit, optionally per an amount of liquid; everything after it goes too. */
const STRENGTH = /\s*\d+(?:[.,]\d+)?\s*(?:mcg|µg|ug|mg|g|ml|%|units?)\b.*$/i;
const FORM_WORDS = new Set([
  'tablet', 'tablets', 'tab', 'tabs', 'capsule', 'capsules', 'cap', 'caps', 'oral', 'solution', 'suspension',
  'granules', 'liquid', 'syrup', 'er', 'xr',
]);

export function normaliseDrugName(name: string): string {
  const words = name
    .replace(TRADEMARK, '')
    .replace(STRENGTH, '')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  while (words.length > 1 && FORM_WORDS.has(words[words.length - 1] as string)) words.pop();
  return words.join(' ');
}
