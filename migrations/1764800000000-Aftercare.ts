import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aftercare: one plan per patient with every version kept (versions are append-only),
 * follow-ups scheduled from the plan's start (one per schedule offset, so the daily job can
 * never create the same one twice), check-ins with optional drug screens (one result per
 * analyte). Check-ins and screen results are append-only.
 */
export class Aftercare1764800000000 implements MigrationInterface {
  name = 'Aftercare1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE aftercare_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL UNIQUE REFERENCES patients (id),
        start_date date NOT NULL,
        content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
        opted_out_on date,
        schedule_resumed_on date NOT NULL,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid NOT NULL REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (schedule_resumed_on >= start_date)
      )`);
    await q.query(`
      CREATE TABLE aftercare_plan_versions (
        plan_id uuid NOT NULL REFERENCES aftercare_plans (id),
        version integer NOT NULL CHECK (version >= 1),
        start_date date NOT NULL,
        content jsonb NOT NULL,
        opted_out_on date,
        change text NOT NULL CHECK (change IN ('created', 'edited', 'opted_out', 'opted_in')),
        changed_by uuid NOT NULL REFERENCES users (id),
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, version)
      )`);
    await q.query(`
      CREATE FUNCTION aftercare_plan_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'aftercare plan versions cannot be changed' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER aftercare_plan_versions_append_only BEFORE UPDATE OR DELETE ON aftercare_plan_versions
      FOR EACH ROW EXECUTE FUNCTION aftercare_plan_versions_append_only()`);

    await q.query(`
      CREATE TABLE follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        plan_id uuid NOT NULL REFERENCES aftercare_plans (id),
        offset_days integer CHECK (offset_days BETWEEN 1 AND 36500),
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'open'
          CHECK (status IN ('open', 'completed', 'cancelled', 'opted_out', 're_engaged')),
        check_in_id uuid,
        change_reason text CHECK (length(btrim(change_reason)) BETWEEN 1 AND 500),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        UNIQUE (plan_id, offset_days),
        CHECK ((status = 'open') = (closed_at IS NULL)),
        CHECK ((status = 'completed') = (check_in_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX follow_ups_patient_idx ON follow_ups (patient_id, due_date)`);
    await q.query(`CREATE INDEX follow_ups_open_idx ON follow_ups (due_date) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE check_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        follow_up_id uuid UNIQUE REFERENCES follow_ups (id),
        checked_in_at timestamptz NOT NULL,
        contact_method text NOT NULL CHECK (contact_method IN ('in_person', 'phone', 'video', 'text')),
        status text NOT NULL CHECK (status IN ('abstinent', 'lapse', 'relapse')),
        days_used_last_30 integer NOT NULL CHECK (days_used_last_30 BETWEEN 0 AND 30),
        craving integer NOT NULL CHECK (craving BETWEEN 0 AND 10),
        group_meetings_attended integer CHECK (group_meetings_attended BETWEEN 0 AND 500),
        employment text NOT NULL CHECK (employment IN
          ('full_time', 'part_time', 'unemployed_seeking', 'unemployed_not_seeking', 'student', 'retired', 'disabled')),
        housing text NOT NULL CHECK (housing IN ('stable', 'recovery_residence', 'temporary', 'homeless', 'institution')),
        note text CHECK (length(note) BETWEEN 1 AND 4000),
        screen_collected_at timestamptz,
        screen_specimen text CHECK (screen_specimen IN ('urine', 'oral_fluid')),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((screen_collected_at IS NULL) = (screen_specimen IS NULL)),
        CHECK (status <> 'abstinent' OR days_used_last_30 = 0),
        CHECK (checked_in_at <= recorded_at + interval '5 minutes')
      )`);
    await q.query(`CREATE INDEX check_ins_patient_idx ON check_ins (patient_id, checked_in_at)`);
    await q.query(`
      ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_check_in_fk FOREIGN KEY (check_in_id) REFERENCES check_ins (id)`);
    await q.query(`
      CREATE TABLE drug_screen_results (
        check_in_id uuid NOT NULL REFERENCES check_ins (id),
        analyte text NOT NULL CHECK (analyte IN ('alcohol_etg', 'amphetamines', 'benzodiazepines', 'buprenorphine',
          'cannabinoids', 'cocaine', 'fentanyl', 'methadone', 'opiates', 'oxycodone', 'baclofen')),
        result text NOT NULL CHECK (result IN ('positive', 'negative', 'invalid')),
        expected boolean NOT NULL,
        PRIMARY KEY (check_in_id, analyte)
      )`);
    // Check-ins and screen results are records of what was reported: never edited or deleted.
    await q.query(`
      CREATE FUNCTION aftercare_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows cannot be changed', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['check_ins', 'drug_screen_results']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION aftercare_records_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE drug_screen_results`);
    await q.query(`ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_check_in_fk`);
    await q.query(`DROP TABLE check_ins`);
    await q.query(`DROP FUNCTION aftercare_records_append_only()`);
    await q.query(`DROP TABLE follow_ups`);
    await q.query(`DROP TABLE aftercare_plan_versions`);
    await q.query(`DROP FUNCTION aftercare_plan_versions_append_only()`);
    await q.query(`DROP TABLE aftercare_plans`);
  }
}
