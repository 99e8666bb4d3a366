import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Detox monitoring: episodes, vital signs with their NEWS2, withdrawal-scale
 * assessments, medication orders with their generated schedule, and
 * administrations; plus the idempotency keys that make retried POSTs safe.
 *
 * The rules the server applies are repeated here so no writer can break them:
 * one open episode per patient (partial unique index) and no overlapping
 * episodes (exclusion constraint); plausible vital-sign ranges; NEWS2 total and
 * risk present exactly when the set is complete; scale totals and bands in
 * range; a dose never above its order's 24-hour maximum; an order's schedule
 * and taper all-or-nothing; a scheduled dose fulfilled at most once. Clinical
 * records are append-only (a trigger refuses UPDATE and DELETE); an order can
 * only be discontinued, once. The rolling 24-hour maximum itself is enforced by
 * the service under a row lock on the patient's orders of the drug.
 */
export class Detox1764200000000 implements MigrationInterface {
  name = 'Detox1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE detox_episodes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        substances text[] NOT NULL CHECK (cardinality(substances) BETWEEN 1 AND 10),
        expected_length_days integer NOT NULL CHECK (expected_length_days BETWEEN 1 AND 60),
        setting text NOT NULL CHECK (setting IN ('ambulatory', 'ambulatory_extended_monitoring')),
        started_at timestamptz NOT NULL,
        started_by uuid NOT NULL REFERENCES users (id),
        ended_at timestamptz,
        ended_by uuid REFERENCES users (id),
        outcome text CHECK (outcome IN ('completed', 'transferred_higher_level', 'left_against_advice', 'other')),
        end_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((ended_at IS NULL) = (outcome IS NULL)),
        CHECK ((ended_at IS NULL) = (ended_by IS NULL)),
        CHECK (ended_at IS NULL OR ended_at >= started_at),
        CHECK (ended_at IS NOT NULL OR end_note IS NULL),
        CONSTRAINT detox_episodes_no_overlap EXCLUDE USING gist
          (patient_id WITH =, tstzrange(started_at, ended_at, '[)') WITH &&)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX detox_episodes_one_open_per_patient ON detox_episodes (patient_id) WHERE ended_at IS NULL`,
    );
    await q.query(`CREATE INDEX detox_episodes_open_idx ON detox_episodes (started_at) WHERE ended_at IS NULL`);
    await q.query(`
      CREATE FUNCTION detox_episodes_end_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'detox_episodes rows cannot be deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.ended_at IS NOT NULL OR NEW.ended_at IS NULL
           OR (to_jsonb(NEW) - ARRAY['ended_at', 'ended_by', 'outcome', 'end_note'])
              <> (to_jsonb(OLD) - ARRAY['ended_at', 'ended_by', 'outcome', 'end_note']) THEN
          RAISE EXCEPTION 'a detox episode can only be ended, once' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER detox_episodes_end_only BEFORE UPDATE OR DELETE ON detox_episodes
      FOR EACH ROW EXECUTE FUNCTION detox_episodes_end_only()`);

    await q.query(`
      CREATE TABLE vital_signs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        episode_id uuid NOT NULL REFERENCES detox_episodes (id),
        taken_at timestamptz NOT NULL,
        heart_rate integer CHECK (heart_rate BETWEEN 20 AND 250),
        systolic_bp integer CHECK (systolic_bp BETWEEN 50 AND 260),
        diastolic_bp integer CHECK (diastolic_bp BETWEEN 20 AND 160),
        respiratory_rate integer CHECK (respiratory_rate BETWEEN 4 AND 60),
        temperature_c numeric(3, 1) CHECK (temperature_c BETWEEN 30 AND 43.5),
        spo2 integer CHECK (spo2 BETWEEN 50 AND 100),
        spo2_scale smallint NOT NULL DEFAULT 1 CHECK (spo2_scale IN (1, 2)),
        on_supplemental_oxygen boolean,
        consciousness text CHECK (consciousness IN ('A', 'C', 'V', 'P', 'U')),
        news2_complete boolean NOT NULL,
        news2_total integer CHECK (news2_total BETWEEN 0 AND 20),
        news2_risk text CHECK (news2_risk IN ('low', 'low_medium', 'medium', 'high')),
        news2_subscores jsonb NOT NULL CHECK (jsonb_typeof(news2_subscores) = 'object'),
        news2_missing text[] NOT NULL DEFAULT '{}',
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (diastolic_bp IS NULL OR systolic_bp IS NULL OR diastolic_bp < systolic_bp),
        CHECK (news2_complete = (news2_total IS NOT NULL)),
        CHECK ((news2_total IS NULL) = (news2_risk IS NULL)),
        CHECK (news2_complete = (cardinality(news2_missing) = 0)),
        CHECK (num_nonnulls(heart_rate, systolic_bp, diastolic_bp, respiratory_rate, temperature_c, spo2,
                            on_supplemental_oxygen, consciousness) > 0)
      )`);
    await q.query(`CREATE INDEX vital_signs_patient_time_idx ON vital_signs (patient_id, taken_at)`);
    await q.query(`CREATE INDEX vital_signs_episode_idx ON vital_signs (episode_id, taken_at)`);

    await q.query(`
      CREATE TABLE withdrawal_assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        episode_id uuid NOT NULL REFERENCES detox_episodes (id),
        scale text NOT NULL CHECK (scale IN ('CIWA-Ar', 'COWS')),
        scale_version text NOT NULL CHECK (scale_version <> ''),
        answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
        item_scores jsonb NOT NULL CHECK (jsonb_typeof(item_scores) = 'object'),
        total integer NOT NULL,
        band text NOT NULL,
        assessed_at timestamptz NOT NULL,
        next_due_at timestamptz,
        monitoring_complete boolean NOT NULL DEFAULT false,
        assessed_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT withdrawal_assessments_total_band_check CHECK (CASE scale
          WHEN 'CIWA-Ar' THEN total BETWEEN 0 AND 67 AND band = CASE
            WHEN total <= 9 THEN 'minimal' WHEN total <= 15 THEN 'moderate' ELSE 'severe' END
          WHEN 'COWS' THEN total BETWEEN 0 AND 48 AND band = CASE
            WHEN total <= 4 THEN 'none' WHEN total <= 12 THEN 'mild' WHEN total <= 24 THEN 'moderate'
            WHEN total <= 36 THEN 'moderately_severe' ELSE 'severe' END
          ELSE false END),
        CHECK (next_due_at IS NULL OR next_due_at > assessed_at),
        CHECK (monitoring_complete = (next_due_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX withdrawal_assessments_episode_idx ON withdrawal_assessments (episode_id, scale, assessed_at DESC)`,
    );
    await q.query(`CREATE INDEX withdrawal_assessments_patient_idx ON withdrawal_assessments (patient_id, assessed_at)`);

    await q.query(`
      CREATE TABLE medication_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        episode_id uuid REFERENCES detox_episodes (id),
        drug text NOT NULL CHECK (length(btrim(drug)) BETWEEN 1 AND 100),
        drug_key text NOT NULL CHECK (drug_key = lower(btrim(drug))),
        dose numeric(12, 4) NOT NULL CHECK (dose > 0),
        unit text NOT NULL CHECK (unit IN ('mcg', 'mg', 'g', 'mL', 'units')),
        route text NOT NULL CHECK (route IN ('oral', 'sublingual', 'buccal', 'intramuscular', 'intravenous',
          'subcutaneous', 'transdermal', 'intranasal', 'inhaled', 'rectal')),
        schedule_type text NOT NULL CHECK (schedule_type IN ('scheduled', 'as_needed')),
        times_of_day text[] NOT NULL DEFAULT '{}',
        start_date date NOT NULL,
        end_date date,
        max_dose_per_24h numeric(12, 4) NOT NULL CHECK (max_dose_per_24h > 0),
        max_dose_source text NOT NULL CHECK (max_dose_source IN ('ordered', 'default')),
        taper_start_dose numeric(12, 4) CHECK (taper_start_dose > 0),
        taper_step_down numeric(12, 4) CHECK (taper_step_down > 0),
        taper_every_days integer CHECK (taper_every_days BETWEEN 1 AND 366),
        taper_floor numeric(12, 4) CHECK (taper_floor >= 0),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'discontinued')),
        discontinued_at timestamptz,
        discontinued_by uuid REFERENCES users (id),
        discontinue_reason text,
        replaces_order_id uuid UNIQUE REFERENCES medication_orders (id),
        ordered_by uuid NOT NULL REFERENCES users (id),
        ordered_at timestamptz NOT NULL DEFAULT now(),
        CHECK (dose <= max_dose_per_24h),
        CHECK (end_date IS NULL OR end_date >= start_date),
        CHECK ((schedule_type = 'scheduled') = (cardinality(times_of_day) > 0)),
        CHECK (num_nulls(taper_start_dose, taper_step_down, taper_every_days, taper_floor) IN (0, 4)),
        CHECK (taper_start_dose IS NULL OR (schedule_type = 'scheduled' AND taper_start_dose = dose
                                            AND taper_floor <= taper_start_dose)),
        CHECK ((status = 'discontinued') = (discontinued_at IS NOT NULL)),
        CHECK ((discontinued_at IS NULL) = (discontinued_by IS NULL)),
        CHECK ((discontinued_at IS NULL) = (discontinue_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX medication_orders_patient_drug_idx ON medication_orders (patient_id, drug_key)`);
    await q.query(`
      CREATE FUNCTION medication_orders_discontinue_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'medication orders cannot be deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status <> 'active' OR NEW.status <> 'discontinued'
           OR (to_jsonb(NEW) - ARRAY['status', 'discontinued_at', 'discontinued_by', 'discontinue_reason'])
              <> (to_jsonb(OLD) - ARRAY['status', 'discontinued_at', 'discontinued_by', 'discontinue_reason']) THEN
          RAISE EXCEPTION 'a medication order can only be discontinued (re-order to change it)'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER medication_orders_discontinue_only BEFORE UPDATE OR DELETE ON medication_orders
      FOR EACH ROW EXECUTE FUNCTION medication_orders_discontinue_only()`);

    await q.query(`
      CREATE TABLE medication_scheduled_doses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES medication_orders (id),
        patient_id uuid NOT NULL REFERENCES patients (id),
        scheduled_at timestamptz NOT NULL,
        dose numeric(12, 4) NOT NULL CHECK (dose > 0),
        day_number integer NOT NULL CHECK (day_number BETWEEN 1 AND 366),
        UNIQUE (order_id, scheduled_at)
      )`);
    await q.query(`CREATE INDEX medication_scheduled_doses_time_idx ON medication_scheduled_doses (scheduled_at)`);

    await q.query(`
      CREATE TABLE medication_administrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES medication_orders (id),
        patient_id uuid NOT NULL REFERENCES patients (id),
        scheduled_dose_id uuid REFERENCES medication_scheduled_doses (id),
        dose numeric(12, 4) NOT NULL CHECK (dose > 0),
        unit text NOT NULL CHECK (unit IN ('mcg', 'mg', 'g', 'mL', 'units')),
        given_at timestamptz NOT NULL,
        given_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        rolling_total numeric(14, 4) NOT NULL CHECK (rolling_total >= dose),
        limit_per_24h numeric(12, 4) NOT NULL CHECK (limit_per_24h > 0),
        override_reason text CHECK (override_reason IS NULL OR length(btrim(override_reason)) > 0),
        CHECK (rolling_total <= limit_per_24h OR override_reason IS NOT NULL)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX medication_administrations_scheduled_dose_key ON medication_administrations (scheduled_dose_id)
      WHERE scheduled_dose_id IS NOT NULL`);
    await q.query(`CREATE INDEX medication_administrations_order_idx ON medication_administrations (order_id, given_at)`);
    await q.query(`CREATE INDEX medication_administrations_patient_idx ON medication_administrations (patient_id, given_at)`);

    await q.query(`
      CREATE FUNCTION detox_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['vital_signs', 'withdrawal_assessments', 'medication_scheduled_doses', 'medication_administrations']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION detox_records_append_only()`);
    }

    // Generic: any POST honouring Idempotency-Key stores its first successful answer here.
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users (id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        scope text NOT NULL,
        request_hash text NOT NULL,
        response_status integer CHECK (response_status BETWEEN 200 AND 299),
        response_body json,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys', 'medication_administrations', 'medication_scheduled_doses', 'medication_orders',
      'withdrawal_assessments', 'vital_signs', 'detox_episodes',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    for (const fn of ['detox_records_append_only', 'medication_orders_discontinue_only', 'detox_episodes_end_only']) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
  }
}
