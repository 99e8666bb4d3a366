import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, refresh tokens, the append-only audit trail, patients, alerts, settings. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'clinician', 'case_manager')),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
        locked_until timestamptz,
        token_epoch integer NOT NULL DEFAULT 1,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_by uuid REFERENCES refresh_tokens (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        user_id uuid,
        user_role text,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text,
        patient_id uuid,
        outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
        emergency_access boolean NOT NULL DEFAULT false,
        client_address text,
        request_id text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX audit_events_patient_idx ON audit_events (patient_id, occurred_at)`);
    await q.query(`CREATE INDEX audit_events_user_idx ON audit_events (user_id, occurred_at)`);
    await q.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at)`);
    await q.query(`CREATE INDEX audit_events_client_idx ON audit_events (client_address, occurred_at) WHERE action = 'auth.login'`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);

    await q.query(`CREATE SEQUENCE patient_mrn_seq START 100001`);
    await q.query(`
      CREATE TABLE patients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mrn text NOT NULL UNIQUE DEFAULT ('MRN' || lpad(nextval('patient_mrn_seq')::text, 7, '0')),
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date NOT NULL,
        sex_at_birth text NOT NULL CHECK (sex_at_birth IN ('female', 'male', 'intersex', 'unknown')),
        gender_identity text,
        pronouns text,
        phone text,
        email text,
        address text,
        preferred_language text NOT NULL DEFAULT 'en',
        primary_substances text[] NOT NULL DEFAULT '{}',
        referral_source text,
        phase text NOT NULL DEFAULT 'screening'
          CHECK (phase IN ('screening', 'detox', 'outpatient', 'aftercare', 'discharged')),
        discharge_reason text CHECK (discharge_reason IN
          ('completed', 'left_against_advice', 'administrative', 'transferred', 'deceased')),
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((phase = 'discharged') = (discharge_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX patients_name_idx ON patients (lower(family_name), lower(given_name))`);
    await q.query(`CREATE INDEX patients_phase_idx ON patients (phase)`);

    await q.query(`
      CREATE TABLE patient_phase_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        from_phase text,
        to_phase text NOT NULL,
        reason text NOT NULL,
        discharge_reason text,
        changed_by uuid REFERENCES users (id),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX patient_phase_changes_patient_idx ON patient_phase_changes (patient_id, changed_at)`);

    await q.query(`
      CREATE TABLE care_team_members (
        patient_id uuid NOT NULL REFERENCES patients (id),
        user_id uuid NOT NULL REFERENCES users (id),
        added_by uuid REFERENCES users (id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (patient_id, user_id)
      )`);
    await q.query(`CREATE INDEX care_team_members_user_idx ON care_team_members (user_id)`);

    await q.query(`
      CREATE TABLE emergency_access_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        user_id uuid NOT NULL REFERENCES users (id),
        reason text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CHECK (expires_at > granted_at)
      )`);
    await q.query(`CREATE INDEX emergency_access_grants_lookup_idx ON emergency_access_grants (user_id, patient_id, expires_at)`);

    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        recipient text NOT NULL,
        purpose text NOT NULL,
        information_to_disclose text NOT NULL,
        signed_on date NOT NULL,
        expires_on date,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users (id),
        revocation_reason text,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (expires_on IS NULL OR expires_on >= signed_on)
      )`);
    await q.query(`CREATE INDEX consents_patient_idx ON consents (patient_id)`);

    await q.query(`
      CREATE TABLE alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        source text NOT NULL,
        rule text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('warning', 'urgent', 'emergency')),
        audience text NOT NULL DEFAULT 'clinician' CHECK (audience IN ('clinician', 'case_manager', 'care_team')),
        message text NOT NULL,
        reading jsonb NOT NULL DEFAULT '{}'::jsonb,
        reading_id uuid,
        dedupe_key text UNIQUE,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged')),
        raised_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES users (id),
        acknowledgement_note text,
        CHECK ((status = 'acknowledged') = (acknowledged_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX alerts_patient_status_idx ON alerts (patient_id, status, raised_at)`);

    await q.query(`
      CREATE TABLE settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_by uuid REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'settings', 'alerts', 'consents', 'emergency_access_grants', 'care_team_members',
      'patient_phase_changes', 'patients', 'audit_events', 'refresh_tokens', 'users',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP SEQUENCE IF EXISTS patient_mrn_seq`);
    await q.query(`DROP FUNCTION IF EXISTS audit_events_append_only()`);
  }
}
