import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Screening: scored instrument responses, DSM-5 SUD diagnoses with their confirmation, and ASAM
 * level-of-care assessments. The rules the server applies are repeated here as constraints so no
 * writer can break them: totals and bands in each instrument's range, the self-harm flag exactly
 * when PHQ-9 item 9 is above 0, severity matching the criteria count, confirmation set once and
 * whole, the program's outcome matching the recommended level. All three tables are append-only,
 * except that a diagnosis may be confirmed once.
 */
export class Screening1764100000000 implements MigrationInterface {
  name = 'Screening1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE screenings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        instrument text NOT NULL CHECK (instrument IN ('AUDIT', 'AUDIT-C', 'DAST-10', 'CAGE', 'PHQ-9', 'GAD-7')),
        instrument_version text NOT NULL CHECK (instrument_version <> ''),
        answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
        item_scores jsonb NOT NULL CHECK (jsonb_typeof(item_scores) = 'object'),
        total integer NOT NULL,
        band text NOT NULL,
        flags text[] NOT NULL DEFAULT '{}' CHECK (flags <@ ARRAY['self_harm_risk', 'sex_unknown']::text[]),
        administered_at timestamptz NOT NULL DEFAULT now(),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT screenings_total_band_check CHECK (CASE instrument
          WHEN 'AUDIT' THEN total BETWEEN 0 AND 40 AND band IN ('zone_1', 'zone_2', 'zone_3', 'zone_4')
          WHEN 'AUDIT-C' THEN total BETWEEN 0 AND 12 AND band IN ('negative', 'positive')
          WHEN 'DAST-10' THEN total BETWEEN 0 AND 10 AND band IN ('none', 'low', 'moderate', 'substantial', 'severe')
          WHEN 'CAGE' THEN total BETWEEN 0 AND 4 AND band IN ('negative', 'positive')
          WHEN 'PHQ-9' THEN total BETWEEN 0 AND 27
            AND band IN ('minimal', 'mild', 'moderate', 'moderately_severe', 'severe')
          WHEN 'GAD-7' THEN total BETWEEN 0 AND 21 AND band IN ('minimal', 'mild', 'moderate', 'severe')
          ELSE false END),
        CONSTRAINT screenings_self_harm_flag_check CHECK (('self_harm_risk' = ANY (flags)) = (CASE
          WHEN instrument = 'PHQ-9' THEN jsonb_typeof(answers -> 'q9') = 'number' AND (answers ->> 'q9')::numeric > 0
          ELSE false END)),
        CONSTRAINT screenings_sex_unknown_flag_check CHECK (NOT ('sex_unknown' = ANY (flags)) OR instrument = 'AUDIT-C'),
        -- Not in the future; five minutes of tolerance for a tablet's clock running ahead.
        CONSTRAINT screenings_administered_at_check CHECK (administered_at <= recorded_at + interval '5 minutes')
      )`);
    await q.query(`CREATE INDEX screenings_patient_idx ON screenings (patient_id, instrument, administered_at)`);
    await q.query(`CREATE INDEX screenings_patient_time_idx ON screenings (patient_id, administered_at)`);

    await q.query(`
      CREATE TABLE diagnoses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        substance text NOT NULL CHECK (length(substance) BETWEEN 1 AND 60),
        criteria jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'object'),
        criteria_count integer NOT NULL CHECK (criteria_count BETWEEN 0 AND 11),
        severity text NOT NULL CHECK (severity IN ('none', 'mild', 'moderate', 'severe')),
        icd10_code text CHECK (icd10_code ~ '^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$'),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by uuid REFERENCES users (id),
        confirmed_at timestamptz,
        CONSTRAINT diagnoses_severity_count_check CHECK (severity = CASE
          WHEN criteria_count >= 6 THEN 'severe' WHEN criteria_count >= 4 THEN 'moderate'
          WHEN criteria_count >= 2 THEN 'mild' ELSE 'none' END),
        CONSTRAINT diagnoses_confirmation_check CHECK ((confirmed_by IS NULL) = (confirmed_at IS NULL)),
        CONSTRAINT diagnoses_confirmed_after_recorded_check CHECK (confirmed_at IS NULL OR confirmed_at >= recorded_at)
      )`);
    await q.query(`CREATE INDEX diagnoses_patient_idx ON diagnoses (patient_id, recorded_at)`);
    await q.query(`
      CREATE INDEX diagnoses_confirmed_idx ON diagnoses (patient_id)
      WHERE confirmed_at IS NOT NULL AND severity <> 'none'`);
    // A recorded diagnosis is never edited or deleted; the only change allowed is its single confirmation.
    await q.query(`
      CREATE FUNCTION diagnoses_confirm_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION 'diagnoses cannot be deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.confirmed_at IS NOT NULL THEN
          RAISE EXCEPTION 'diagnosis % is already confirmed', OLD.id USING ERRCODE = 'unique_violation',
            CONSTRAINT = 'diagnoses_confirmed_once';
        END IF;
        IF (NEW.id, NEW.patient_id, NEW.substance, NEW.criteria, NEW.criteria_count, NEW.severity,
            NEW.icd10_code, NEW.recorded_by, NEW.recorded_at)
           IS DISTINCT FROM
           (OLD.id, OLD.patient_id, OLD.substance, OLD.criteria, OLD.criteria_count, OLD.severity,
            OLD.icd10_code, OLD.recorded_by, OLD.recorded_at) THEN
          RAISE EXCEPTION 'a recorded diagnosis cannot be edited; record a new one' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER diagnoses_confirm_only BEFORE UPDATE OR DELETE ON diagnoses
      FOR EACH ROW EXECUTE FUNCTION diagnoses_confirm_only()`);

    await q.query(`
      CREATE TABLE level_of_care_assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        d1_intoxication_withdrawal smallint NOT NULL CHECK (d1_intoxication_withdrawal BETWEEN 0 AND 4),
        d2_biomedical smallint NOT NULL CHECK (d2_biomedical BETWEEN 0 AND 4),
        d3_emotional_behavioral smallint NOT NULL CHECK (d3_emotional_behavioral BETWEEN 0 AND 4),
        d4_readiness_to_change smallint NOT NULL CHECK (d4_readiness_to_change BETWEEN 0 AND 4),
        d5_relapse_potential smallint NOT NULL CHECK (d5_relapse_potential BETWEEN 0 AND 4),
        d6_recovery_environment smallint NOT NULL CHECK (d6_recovery_environment BETWEEN 0 AND 4),
        recommended_level text NOT NULL
          CHECK (recommended_level IN ('0.5', '1', '2.1', '2.5', '3.1', '3.5', '3.7', '4')),
        outcome text NOT NULL CHECK (outcome IN ('accepted', 'refer_out')),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        -- The program treats levels 1 (outpatient) and 2.1 (IOP) and refers every other level out.
        CONSTRAINT level_of_care_outcome_check CHECK ((outcome = 'accepted') = (recommended_level IN ('1', '2.1')))
      )`);
    await q.query(`CREATE INDEX level_of_care_patient_idx ON level_of_care_assessments (patient_id, recorded_at)`);

    await q.query(`
      CREATE FUNCTION screening_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['screenings', 'level_of_care_assessments']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION screening_records_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['level_of_care_assessments', 'diagnoses', 'screenings']) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS screening_records_append_only()`);
    await q.query(`DROP FUNCTION IF EXISTS diagnoses_confirm_only()`);
  }
}
