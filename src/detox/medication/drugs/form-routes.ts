/*
 * The routes a drug's dosage forms can be given by, so an order cannot give a
 * drug by a route none of its forms allows (baclofen tablets and oral
 * solutions intravenously). Forms are words from the drug table such as
 * tablet, oral_solution, sublingual_tablet or injection; the first word that
 * names a route decides, and a bare tablet, capsule or liquid is oral. The
 * routes are those of medication orders (medication-order.entity.ts ROUTES).
 */

const ROUTE_WORDS: readonly [RegExp, readonly string[]][] = [
  [/^sublingual/, ['sublingual']],
  [/^buccal/, ['buccal']],
  [/^(intra)?nasal/, ['intranasal']],
  [/^rectal|suppositor/, ['rectal']],
  [/^transdermal|patch/, ['transdermal']],
  [/^inhal/, ['inhaled']],
  [/^intramuscular/, ['intramuscular']],
  [/^intravenous/, ['intravenous']],
  [/^subcutaneous/, ['subcutaneous']],
  [/^intrathecal/, ['intrathecal']],
  [/inject|infusion|vial|ampoule/, ['intramuscular', 'intravenous', 'subcutaneous']],
  [/^oral|tablet|capsule|granules|solution|suspension|syrup|elixir|liquid|film|lozenge/, ['oral']],
];

/** The routes the forms allow; null when a form is not recognised, so an unknown form restricts nothing. */
export function routesForForms(forms: readonly string[]): Set<string> | null {
  const routes = new Set<string>();
  for (const form of forms) {
    const match = ROUTE_WORDS.find(([pattern]) => pattern.test(form));
    if (!match) return null;
    match[1].forEach((r) => routes.add(r));
  }
  return routes;
}
