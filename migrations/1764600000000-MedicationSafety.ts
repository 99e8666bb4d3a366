import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The drug table medication orders pick from, and the safety facts an order now
 * carries.
 *
 * - `drugs`: generic name, forms and strengths, the unit doses are counted in,
 *   the documented default maximum per 24 hours, CNS-depressant class, whether
 *   an abrupt stop is dangerous, the dose step doses are rounded to and the
 *   minimum taper length. `drug_names` maps every name an order may use (the
 *   generic and each brand, lower-case) to one drug; its primary key makes a
 *   brand name belong to exactly one drug.
 * - `medication_orders` keeps the drug it resolved to and the default maximum in
 *   the order's unit; a CHECK refuses a maximum above that default without an
 *   override reason, an mL order without its mg/mL concentration, and an order
 *   with contraindication findings not acknowledged with a reason.
 * - `patient_clinical_statuses`: what a clinician records that the
 *   contraindication check reads (pregnancy, breastfeeding, eGFR, creatinine
 *   clearance); append-only, the latest of each kind applies.
 *
 * Sources of the seeded rows are cited beside each one.
 */
export class MedicationSafety1764600000000 implements MigrationInterface {
  name = 'MedicationSafety1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE drugs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        generic text NOT NULL UNIQUE CHECK (generic = lower(btrim(generic)) AND length(generic) BETWEEN 1 AND 100),
        brands text[] NOT NULL DEFAULT '{}',
        forms text[] NOT NULL CHECK (cardinality(forms) >= 1),
        strengths text[] NOT NULL DEFAULT '{}',
        unit text NOT NULL CHECK (unit IN ('mcg', 'mg', 'g')),
        default_max_per_24h numeric(12, 4) CHECK (default_max_per_24h > 0),
        cns_depressant_class text CHECK (cns_depressant_class IN ('opioid', 'benzodiazepine', 'sedative_hypnotic',
          'gabaergic_muscle_relaxant', 'barbiturate', 'gabapentinoid')),
        abrupt_stop_dangerous boolean NOT NULL DEFAULT false,
        dose_step numeric(12, 4) CHECK (dose_step > 0),
        min_taper_days integer CHECK (min_taper_days BETWEEN 1 AND 366),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE drug_names (
        name text PRIMARY KEY CHECK (name = lower(btrim(name)) AND length(name) BETWEEN 1 AND 100),
        drug_id uuid NOT NULL REFERENCES drugs (id)
      )`);

    // Baclofen: FDA labels (DailyMed) for Lioresal/baclofen tablets 5, 10, 15, 20 mg ("should not exceed a
    // maximum of 80 mg daily"; contraindicated under 12; abrupt discontinuation can cause hallucinations and
    // seizures: "reduce the dosage slowly", over at least 1-2 weeks), Ozobax and Fleqsuvy oral solution/suspension
    // (5 mg/5 mL, 5 mg/mL), Lyvispah granules 5, 10, 20 mg. Tablets are scored: half a 10 mg tablet is 5 mg.
    // Lofexidine: Lucemyra label 2.1 (0.18 mg tablets; at most 2.88 mg a day). Chlordiazepoxide: Librium label
    // (5, 10, 25 mg capsules; up to 300 mg a day in acute alcohol withdrawal; benzodiazepine withdrawal can be
    // life-threatening on abrupt stop, FDA boxed warning 2020). Diazepam (Valium 2, 5, 10 mg) and lorazepam
    // (Ativan 0.5, 1, 2 mg): benzodiazepines, same boxed warning; no program default maximum (ordered explicitly).
    // Buprenorphine (Subutex) and methadone (Dolophine): opioids; ordered with an explicit maximum.
    const seed: [string, string[], string[], string[], string, number | null, string | null, boolean, number | null, number | null][] = [
      ['baclofen', ['Lioresal', 'Kemstro', 'Gablofen', 'Ozobax', 'Lyvispah', 'Fleqsuvy'],
        ['tablet', 'oral_solution', 'oral_suspension', 'oral_granules'],
        ['5 mg', '10 mg', '15 mg', '20 mg', '1 mg/mL', '5 mg/mL'], 'mg', 80, 'gabaergic_muscle_relaxant', true, 5, 7],
      ['lofexidine', ['Lucemyra'], ['tablet'], ['0.18 mg'], 'mg', 2.88, null, false, 0.18, null],
      ['chlordiazepoxide', ['Librium'], ['capsule'], ['5 mg', '10 mg', '25 mg'], 'mg', 300, 'benzodiazepine', true, 5, null],
      ['diazepam', ['Valium'], ['tablet', 'oral_solution'], ['2 mg', '5 mg', '10 mg', '1 mg/mL'], 'mg', null,
        'benzodiazepine', true, 1, null],
      ['lorazepam', ['Ativan'], ['tablet'], ['0.5 mg', '1 mg', '2 mg'], 'mg', null, 'benzodiazepine', true, 0.25, null],
      ['buprenorphine', ['Subutex'], ['sublingual_tablet'], ['2 mg', '8 mg'], 'mg', null, 'opioid', false, 1, null],
      ['methadone', ['Dolophine'], ['tablet', 'oral_solution'], ['5 mg', '10 mg', '10 mg/mL'], 'mg', null, 'opioid',
        false, 2.5, null],
    ];
    for (const [generic, brands, forms, strengths, unit, max, cns, abrupt, step, minTaper] of seed) {
      await q.query(
        `INSERT INTO drugs (generic, brands, forms, strengths, unit, default_max_per_24h, cns_depressant_class,
           abrupt_stop_dangerous, dose_step, min_taper_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [generic, brands, forms, strengths, unit, max, cns, abrupt, step, minTaper],
      );
      await q.query(
        `INSERT INTO drug_names (name, drug_id)
         SELECT lower(n), d.id FROM drugs d, unnest(d.brands || d.generic) AS n WHERE d.generic = $1`,
        [generic],
      );
    }

    await q.query(`
      ALTER TABLE medication_orders
        ADD COLUMN drug_id uuid REFERENCES drugs (id),
        ADD COLUMN ordered_name text,
        ADD COLUMN concentration_mg_per_ml numeric(12, 4) CHECK (concentration_mg_per_ml > 0),
        ADD COLUMN default_max_per_24h numeric(12, 4) CHECK (default_max_per_24h > 0),
        ADD COLUMN max_dose_override_reason text CHECK (length(btrim(max_dose_override_reason)) > 0),
        ADD COLUMN contraindications jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(contraindications) = 'array'),
        ADD COLUMN contraindications_ack_reason text CHECK (length(btrim(contraindications_ack_reason)) > 0),
        ADD COLUMN taper_override_reason text CHECK (length(btrim(taper_override_reason)) > 0),
        ADD CONSTRAINT medication_orders_max_above_default_needs_reason
          CHECK (default_max_per_24h IS NULL OR max_dose_per_24h <= default_max_per_24h
                 OR max_dose_override_reason IS NOT NULL),
        ADD CONSTRAINT medication_orders_ml_needs_concentration
          CHECK (unit <> 'mL' OR drug_id IS NULL OR concentration_mg_per_ml IS NOT NULL),
        ADD CONSTRAINT medication_orders_findings_need_ack
          CHECK (jsonb_array_length(contraindications) = 0 OR contraindications_ack_reason IS NOT NULL)`);

    await q.query(`
      CREATE TABLE patient_clinical_statuses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        kind text NOT NULL CHECK (kind IN ('pregnancy', 'breastfeeding', 'egfr', 'creatinine_clearance')),
        present boolean,
        value numeric(8, 2) CHECK (value > 0 AND value < 300),
        observed_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind IN ('pregnancy', 'breastfeeding')) = (present IS NOT NULL)),
        CHECK ((kind IN ('egfr', 'creatinine_clearance')) = (value IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX patient_clinical_statuses_patient_idx ON patient_clinical_statuses (patient_id, kind, observed_at)`);
    await q.query(`
      CREATE TRIGGER patient_clinical_statuses_append_only BEFORE UPDATE OR DELETE ON patient_clinical_statuses
      FOR EACH ROW EXECUTE FUNCTION detox_records_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE medication_orders
        DROP COLUMN drug_id, DROP COLUMN ordered_name, DROP COLUMN concentration_mg_per_ml,
        DROP COLUMN default_max_per_24h, DROP COLUMN max_dose_override_reason, DROP COLUMN contraindications,
        DROP COLUMN contraindications_ack_reason, DROP COLUMN taper_override_reason`);
    await q.query(`DROP TABLE IF EXISTS patient_clinical_statuses`);
    await q.query(`DROP TABLE IF EXISTS drug_names`);
    await q.query(`DROP TABLE IF EXISTS drugs`);
  }
}
