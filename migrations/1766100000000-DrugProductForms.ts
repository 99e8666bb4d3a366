import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A brand is one product of its drug, not all of them: Fleqsuvy is only the
 * 5 mg/mL suspension, Ozobax only the 5 mg/5 mL solution, Gablofen only an
 * intrathecal injection. `drug_names` gains the product's own forms and
 * strengths (NULL = the drug's), so an order of a brand is checked against
 * what that brand is: its route against its forms, a dose in mL against its
 * concentration, a strength in its name against its strengths.
 *
 * Sources: FDA labels on DailyMed. Baclofen: Ozobax oral solution 5 mg/5 mL;
 * Ozobax DS oral solution 10 mg/5 mL (marketed 2024); Fleqsuvy oral
 * suspension 5 mg/mL; Lyvispah oral granules 5, 10, 20 mg; Kemstro orally
 * disintegrating tablets 10, 20 mg; Lioresal tablets; Gablofen intrathecal
 * injection 50, 500, 1000, 2000 mcg/mL. Diazepam oral solution 1 mg/mL and
 * Intensol concentrate 5 mg/mL; Valium tablets. Methadone oral solution
 * 5 mg/5 mL and 10 mg/5 mL and Intensol concentrate 10 mg/mL; Dolophine
 * tablets. Ativan, Librium, Lucemyra, Subutex as in 1764600000000.
 */
export class DrugProductForms1766100000000 implements MigrationInterface {
  name = 'DrugProductForms1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE drug_names
        ADD COLUMN forms text[] CHECK (cardinality(forms) >= 1),
        ADD COLUMN strengths text[] CHECK (cardinality(strengths) >= 1)`);
    await q.query(`
      UPDATE drugs SET brands = brands || '{Ozobax DS}',
        strengths = ARRAY['5 mg', '10 mg', '15 mg', '20 mg', '5 mg/5 mL', '10 mg/5 mL', '5 mg/mL']
      WHERE generic = 'baclofen' AND NOT 'Ozobax DS' = ANY (brands)`);
    await q.query(`
      INSERT INTO drug_names (name, drug_id) SELECT 'ozobax ds', id FROM drugs WHERE generic = 'baclofen'
      ON CONFLICT (name) DO NOTHING`);
    await q.query(`
      UPDATE drugs SET strengths = ARRAY['2 mg', '5 mg', '10 mg', '1 mg/mL', '5 mg/mL']
      WHERE generic = 'diazepam' AND strengths = ARRAY['2 mg', '5 mg', '10 mg', '1 mg/mL']`);
    await q.query(`
      UPDATE drugs SET strengths = ARRAY['5 mg', '10 mg', '5 mg/5 mL', '10 mg/5 mL', '10 mg/mL']
      WHERE generic = 'methadone' AND strengths = ARRAY['5 mg', '10 mg', '10 mg/mL']`);
    const products: [string, string[], string[] | null][] = [
      ['lioresal', ['tablet'], null],
      ['kemstro', ['orally_disintegrating_tablet'], ['10 mg', '20 mg']],
      ['gablofen', ['intrathecal_injection'], ['50 mcg/mL', '500 mcg/mL', '1000 mcg/mL', '2000 mcg/mL']],
      ['ozobax', ['oral_solution'], ['5 mg/5 mL']],
      ['ozobax ds', ['oral_solution'], ['10 mg/5 mL']],
      ['lyvispah', ['oral_granules'], ['5 mg', '10 mg', '20 mg']],
      ['fleqsuvy', ['oral_suspension'], ['5 mg/mL']],
      ['valium', ['tablet'], ['2 mg', '5 mg', '10 mg']],
      ['dolophine', ['tablet'], ['5 mg', '10 mg']],
    ];
    for (const [name, forms, strengths] of products) {
      await q.query(`UPDATE drug_names SET forms = $2, strengths = $3 WHERE name = $1`, [name, forms, strengths]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM drug_names WHERE name = 'ozobax ds'`);
    await q.query(`UPDATE drugs SET brands = array_remove(brands, 'Ozobax DS') WHERE generic = 'baclofen'`);
    await q.query(`ALTER TABLE drug_names DROP COLUMN forms, DROP COLUMN strengths`);
  }
}
