import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DSM-5 in full on diagnoses (DSM-5, APA 2013): whether the substance is taken
 * solely under medical supervision (tolerance and withdrawal then do not count,
 * and a CHECK holds criteria_count to that), the 12-month period the criteria
 * describe, remission (early / sustained from the last day a criterion other
 * than craving was met), in a controlled environment, on maintenance therapy,
 * and the attestation a clinician records when confirming their own diagnosis.
 */
export class Dsm5InFull1764602000000 implements MigrationInterface {
  name = 'Dsm5InFull1764602000000';

  async up(q: QueryRunner): Promise<void> {
    const present = (key: string) => `coalesce((criteria ->> '${key}')::boolean, false)::int`;
    const behavioural = [
      'larger_amounts_or_longer', 'unsuccessful_efforts_to_cut_down', 'time_spent', 'craving', 'role_failure',
      'social_problems', 'activities_given_up', 'hazardous_use', 'continued_despite_problems',
    ].map(present).join(' + ');
    await q.query(`
      ALTER TABLE diagnoses
        ADD COLUMN medically_supervised boolean NOT NULL DEFAULT false,
        ADD COLUMN criteria_period_start date,
        ADD COLUMN criteria_period_end date,
        ADD COLUMN remission text CHECK (remission IN ('early', 'sustained')),
        ADD COLUMN no_criteria_since date,
        ADD COLUMN controlled_environment boolean NOT NULL DEFAULT false,
        ADD COLUMN maintenance_therapy boolean NOT NULL DEFAULT false,
        ADD COLUMN confirmation_attestation text CHECK (length(btrim(confirmation_attestation)) BETWEEN 1 AND 1000),
        ADD CONSTRAINT diagnoses_counted_criteria_check CHECK (criteria_count = ${behavioural}
          + CASE WHEN medically_supervised THEN 0 ELSE ${present('tolerance')} + ${present('withdrawal')} END),
        ADD CONSTRAINT diagnoses_remission_since_check CHECK ((remission IS NULL) = (no_criteria_since IS NULL)),
        ADD CONSTRAINT diagnoses_controlled_environment_check CHECK (NOT controlled_environment OR remission IS NOT NULL),
        ADD CONSTRAINT diagnoses_period_check CHECK (criteria_period_start IS NULL OR criteria_period_start < criteria_period_end),
        ADD CONSTRAINT diagnoses_self_confirmation_check
          CHECK (confirmed_by IS NULL OR confirmed_by <> recorded_by OR confirmation_attestation IS NOT NULL)`);
    // The new columns are part of the recorded diagnosis: frozen like the rest; only the confirmation
    // (who, when, attestation) may be set, once.
    await q.query(`
      CREATE OR REPLACE FUNCTION diagnoses_confirm_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION 'diagnoses cannot be deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.confirmed_at IS NOT NULL THEN
          RAISE EXCEPTION 'diagnosis % is already confirmed', OLD.id USING ERRCODE = 'unique_violation',
            CONSTRAINT = 'diagnoses_confirmed_once';
        END IF;
        IF (to_jsonb(NEW) - ARRAY['confirmed_by', 'confirmed_at', 'confirmation_attestation'])
           IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['confirmed_by', 'confirmed_at', 'confirmation_attestation']) THEN
          RAISE EXCEPTION 'a recorded diagnosis cannot be edited; record a new one' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE diagnoses
        DROP COLUMN medically_supervised, DROP COLUMN criteria_period_start, DROP COLUMN criteria_period_end,
        DROP COLUMN remission, DROP COLUMN no_criteria_since, DROP COLUMN controlled_environment,
        DROP COLUMN maintenance_therapy, DROP COLUMN confirmation_attestation`);
  }
}
