import { MigrationInterface, QueryRunner } from 'typeorm';

const SIGNS = [
  'seizure', 'hallucinations_auditory', 'hallucinations_visual', 'hallucinations_tactile', 'psychosis', 'delirium',
  'confusion', 'agitation', 'rigidity', 'spasms', 'tremor', 'hyporeflexia', 'flaccidity', 'somnolence', 'coma',
  'insomnia', 'anxiety',
];

/**
 * Clinical safety (issue 11, alerts half):
 * - alerts get a category (clinical or engagement) and the alert they escalate. A clinical
 *   alert of urgent or emergency severity cannot be acknowledged without a note; an
 *   alert is escalated at most once (unique escalates_alert_id).
 * - the SpO2 scale is a patient-level prescription by a clinician, append-only (the
 *   latest row is in force); scale 2 needs its reason and the 88-92 % target; a trigger
 *   refuses a set of vitals scored on any other scale.
 * - observations: signs seen during detox from a fixed vocabulary, one row per sign.
 */
export class ClinicalSafetyAlerts1764500000000 implements MigrationInterface {
  name = 'ClinicalSafetyAlerts1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alerts ADD COLUMN category text NOT NULL DEFAULT 'clinical'
      CHECK (category IN ('clinical', 'engagement'))`);
    await q.query(`UPDATE alerts SET category = 'engagement' WHERE source = 'sessions'`);
    await q.query(`ALTER TABLE alerts ADD COLUMN escalates_alert_id uuid UNIQUE REFERENCES alerts (id)`);
    await q.query(`ALTER TABLE alerts ADD CONSTRAINT alerts_clinical_note_check CHECK (
      status = 'open' OR category = 'engagement' OR severity = 'warning'
      OR length(btrim(coalesce(acknowledgement_note, ''))) > 0) NOT VALID`);
    await q.query(`CREATE INDEX alerts_open_escalation_idx ON alerts (raised_at) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE spo2_scale_prescriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        scale smallint NOT NULL CHECK (scale IN (1, 2)),
        target_min integer NOT NULL,
        target_max integer NOT NULL,
        reason text,
        prescribed_by uuid NOT NULL REFERENCES users (id),
        prescribed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((scale = 1 AND target_min = 94 AND target_max = 98)
            OR (scale = 2 AND target_min = 88 AND target_max = 92 AND length(btrim(coalesce(reason, ''))) > 0))
      )`);
    await q.query(`CREATE INDEX spo2_scale_prescriptions_patient_idx ON spo2_scale_prescriptions (patient_id, prescribed_at)`);
    // A reading is scored on the patient's prescribed scale (scale 1 without a prescription), never its own choice.
    await q.query(`
      CREATE FUNCTION vital_signs_prescribed_spo2_scale() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE prescribed smallint;
      BEGIN
        SELECT scale INTO prescribed FROM spo2_scale_prescriptions
        WHERE patient_id = NEW.patient_id ORDER BY prescribed_at DESC, id DESC LIMIT 1;
        IF NEW.spo2_scale <> coalesce(prescribed, 1) THEN
          RAISE EXCEPTION 'vital_signs.spo2_scale must be the patient''s prescribed SpO2 scale'
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER vital_signs_prescribed_spo2_scale BEFORE INSERT ON vital_signs
      FOR EACH ROW EXECUTE FUNCTION vital_signs_prescribed_spo2_scale()`);

    const vocabulary = SIGNS.map((s) => `'${s}'`).join(', ');
    await q.query(`
      CREATE TABLE observations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        episode_id uuid NOT NULL REFERENCES detox_episodes (id),
        observed_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX observations_patient_time_idx ON observations (patient_id, observed_at)`);
    await q.query(`
      CREATE TABLE observation_signs (
        observation_id uuid NOT NULL REFERENCES observations (id),
        sign text NOT NULL CHECK (sign IN (${vocabulary})),
        present boolean NOT NULL,
        severity text CHECK (severity IN ('mild', 'moderate', 'severe')),
        note text CHECK (length(note) <= 1000),
        PRIMARY KEY (observation_id, sign),
        CHECK (present OR severity IS NULL)
      )`);
    for (const table of ['spo2_scale_prescriptions', 'observations', 'observation_signs']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION detox_records_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE observation_signs`);
    await q.query(`DROP TABLE observations`);
    await q.query(`DROP TRIGGER vital_signs_prescribed_spo2_scale ON vital_signs`);
    await q.query(`DROP FUNCTION vital_signs_prescribed_spo2_scale()`);
    await q.query(`DROP TABLE spo2_scale_prescriptions`);
    await q.query(`DROP INDEX alerts_open_escalation_idx`);
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_clinical_note_check`);
    await q.query(`ALTER TABLE alerts DROP COLUMN escalates_alert_id`);
    await q.query(`ALTER TABLE alerts DROP COLUMN category`);
  }
}
