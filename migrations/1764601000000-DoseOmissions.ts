import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Held (clinical reason) and refused (by the patient) doses: one per order and
 * scheduled time, append-only, never on a dose that was given. A trigger on
 * each side refuses a dose recorded both given and omitted (the services also
 * take the drug's order row locks first, so the check holds under concurrency).
 */
export class DoseOmissions1764601000000 implements MigrationInterface {
  name = 'DoseOmissions1764601000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE medication_dose_omissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES medication_orders (id),
        patient_id uuid NOT NULL REFERENCES patients (id),
        scheduled_dose_id uuid UNIQUE REFERENCES medication_scheduled_doses (id),
        scheduled_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('held', 'refused')),
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (order_id, scheduled_at)
      )`);
    await q.query(`
      CREATE TRIGGER medication_dose_omissions_append_only BEFORE UPDATE OR DELETE ON medication_dose_omissions
      FOR EACH ROW EXECUTE FUNCTION detox_records_append_only()`);
    await q.query(`
      CREATE FUNCTION medication_dose_given_or_omitted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.scheduled_dose_id IS NOT NULL AND (
             (TG_TABLE_NAME = 'medication_dose_omissions' AND EXISTS (
                SELECT 1 FROM medication_administrations a WHERE a.scheduled_dose_id = NEW.scheduled_dose_id))
          OR (TG_TABLE_NAME = 'medication_administrations' AND EXISTS (
                SELECT 1 FROM medication_dose_omissions o WHERE o.scheduled_dose_id = NEW.scheduled_dose_id))) THEN
          RAISE EXCEPTION 'a scheduled dose is either given or held/refused, not both' USING ERRCODE = 'unique_violation';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['medication_dose_omissions', 'medication_administrations']) {
      await q.query(`
        CREATE TRIGGER ${table}_given_or_omitted BEFORE INSERT ON ${table}
        FOR EACH ROW EXECUTE FUNCTION medication_dose_given_or_omitted()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS medication_administrations_given_or_omitted ON medication_administrations`);
    await q.query(`DROP TABLE IF EXISTS medication_dose_omissions`);
    await q.query(`DROP FUNCTION IF EXISTS medication_dose_given_or_omitted()`);
  }
}
