import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outpatient sessions: rooms, sessions (and their recurring series), who is booked into each,
 * attendance, and session notes with addenda.
 *
 * No double booking is the database's job: every clinician, patient and room booking carries the
 * session's half-open period `[starts_at, ends_at)` and an exclusion constraint refuses two active
 * bookings of the same resource whose periods overlap, so back-to-back sessions are fine and the
 * rule holds across concurrent requests and app instances. Cancelling a session deactivates its
 * bookings, which frees the slot. Triggers copy the session's period and status onto its bookings
 * on insert and on every change of the session, so they cannot drift apart. The constraints are
 * DEFERRABLE INITIALLY IMMEDIATE: checked at the end of each statement, but a transaction that
 * moves a whole series may defer them to the end of its last statement.
 *
 * Signed notes are immutable (triggers refuse any change to the note or its per-patient parts);
 * later changes are append-only addenda.
 */
export class Sessions1764300000000 implements MigrationInterface {
  name = 'Sessions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 500),
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX rooms_name_key ON rooms (lower(btrim(name)))`);

    await q.query(`
      CREATE TABLE session_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        weekdays text[] NOT NULL
          CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']),
        occurrence_count integer CHECK (occurrence_count BETWEEN 1 AND 200),
        until timestamptz,
        time_zone text NOT NULL,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((occurrence_count IS NULL) <> (until IS NULL))
      )`);

    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN
          ('individual', 'group', 'family', 'medication_management', 'psychiatric_evaluation')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        room_id uuid REFERENCES rooms (id),
        series_id uuid REFERENCES session_series (id),
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        cancelled_by text CHECK (cancelled_by IN ('patient', 'program')),
        cancel_reason text CHECK (length(btrim(cancel_reason)) BETWEEN 1 AND 500),
        cancelled_at timestamptz,
        cancelled_by_user uuid REFERENCES users (id),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sessions_period_check
          CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '12 hours'),
        CONSTRAINT sessions_cancellation_check CHECK (
          (status = 'cancelled') = (cancelled_at IS NOT NULL)
          AND (status = 'cancelled') = (cancelled_by IS NOT NULL)
          AND (status = 'cancelled') = (cancel_reason IS NOT NULL)),
        CONSTRAINT sessions_room_no_overlap EXCLUDE USING gist
          (room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
          WHERE (status = 'scheduled' AND room_id IS NOT NULL)
          DEFERRABLE INITIALLY IMMEDIATE
      )`);
    await q.query(`CREATE INDEX sessions_starts_at_idx ON sessions (starts_at)`);
    await q.query(`CREATE INDEX sessions_room_idx ON sessions (room_id, starts_at) WHERE room_id IS NOT NULL`);
    await q.query(`CREATE INDEX sessions_series_idx ON sessions (series_id, starts_at) WHERE series_id IS NOT NULL`);

    for (const [table, column] of [['session_clinicians', 'clinician_id'], ['session_patients', 'patient_id']] as const) {
      const target = column === 'clinician_id' ? 'users' : 'patients';
      await q.query(`
        CREATE TABLE ${table} (
          session_id uuid NOT NULL REFERENCES sessions (id),
          ${column} uuid NOT NULL REFERENCES ${target} (id),
          period tstzrange NOT NULL CHECK (lower_inc(period) AND NOT upper_inc(period) AND NOT isempty(period)),
          active boolean NOT NULL,
          PRIMARY KEY (session_id, ${column}),
          CONSTRAINT ${table}_no_overlap EXCLUDE USING gist (${column} WITH =, period WITH &&)
            WHERE (active)
            DEFERRABLE INITIALLY IMMEDIATE
        )`);
      await q.query(`CREATE INDEX ${table}_${column.replace('_id', '')}_idx ON ${table} (${column}, lower(period))`);
    }

    // Bookings always mirror their session's period and status.
    await q.query(`
      CREATE FUNCTION session_booking_mirror() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        s record;
      BEGIN
        SELECT starts_at, ends_at, status INTO s FROM sessions WHERE id = NEW.session_id;
        IF FOUND THEN
          NEW.period := tstzrange(s.starts_at, s.ends_at, '[)');
          NEW.active := s.status = 'scheduled';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['session_clinicians', 'session_patients']) {
      await q.query(`
        CREATE TRIGGER ${table}_mirror BEFORE INSERT OR UPDATE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION session_booking_mirror()`);
    }
    await q.query(`
      CREATE FUNCTION sessions_propagate_to_bookings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE session_clinicians SET period = tstzrange(NEW.starts_at, NEW.ends_at, '[)'),
          active = NEW.status = 'scheduled' WHERE session_id = NEW.id;
        UPDATE session_patients SET period = tstzrange(NEW.starts_at, NEW.ends_at, '[)'),
          active = NEW.status = 'scheduled' WHERE session_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER sessions_propagate AFTER UPDATE OF starts_at, ends_at, status ON sessions
      FOR EACH ROW
      WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.ends_at IS DISTINCT FROM NEW.ends_at
            OR OLD.status IS DISTINCT FROM NEW.status)
      EXECUTE FUNCTION sessions_propagate_to_bookings()`);
    // A cancellation is final: a cancelled session is never changed again (rebook instead).
    await q.query(`
      CREATE FUNCTION sessions_cancelled_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'cancelled' THEN
          RAISE EXCEPTION 'a cancelled session cannot be changed'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'sessions_cancelled_final';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER sessions_cancelled_final BEFORE UPDATE ON sessions
      FOR EACH ROW EXECUTE FUNCTION sessions_cancelled_final()`);

    await q.query(`
      CREATE TABLE session_attendance (
        session_id uuid NOT NULL,
        patient_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('attended', 'late', 'left_early', 'no_show', 'cancelled')),
        minutes_attended integer CHECK (minutes_attended BETWEEN 0 AND 720),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, patient_id),
        FOREIGN KEY (session_id, patient_id) REFERENCES session_patients (session_id, patient_id),
        CONSTRAINT session_attendance_minutes_check CHECK (CASE
          WHEN status IN ('late', 'left_early') THEN minutes_attended IS NOT NULL
          WHEN status IN ('no_show', 'cancelled') THEN minutes_attended IS NULL
          ELSE true END)
      )`);
    await q.query(`CREATE INDEX session_attendance_patient_idx ON session_attendance (patient_id)`);
    await q.query(`
      CREATE FUNCTION session_attendance_within_duration() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.minutes_attended IS NOT NULL AND NEW.minutes_attended * interval '1 minute' >
           (SELECT ends_at - starts_at FROM sessions WHERE id = NEW.session_id) THEN
          RAISE EXCEPTION 'minutes attended exceed the session''s duration'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'session_attendance_within_duration';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER session_attendance_within_duration BEFORE INSERT OR UPDATE ON session_attendance
      FOR EACH ROW EXECUTE FUNCTION session_attendance_within_duration()`);

    await q.query(`
      CREATE TABLE session_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL UNIQUE REFERENCES sessions (id),
        author_id uuid NOT NULL REFERENCES users (id),
        shared_body text CHECK (length(shared_body) BETWEEN 1 AND 20000),
        signed_at timestamptz,
        signed_by uuid REFERENCES users (id),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (id, session_id),
        CHECK ((signed_at IS NULL) = (signed_by IS NULL))
      )`);
    await q.query(`
      CREATE TABLE session_note_parts (
        note_id uuid NOT NULL,
        session_id uuid NOT NULL,
        patient_id uuid NOT NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        PRIMARY KEY (note_id, patient_id),
        FOREIGN KEY (note_id, session_id) REFERENCES session_notes (id, session_id),
        FOREIGN KEY (session_id, patient_id) REFERENCES session_patients (session_id, patient_id)
      )`);
    await q.query(`CREATE INDEX session_note_parts_patient_idx ON session_note_parts (patient_id)`);
    await q.query(`
      CREATE TABLE session_note_addenda (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        note_id uuid NOT NULL REFERENCES session_notes (id),
        patient_id uuid,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        author_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (note_id, patient_id) REFERENCES session_note_parts (note_id, patient_id)
      )`);
    await q.query(`CREATE INDEX session_note_addenda_note_idx ON session_note_addenda (note_id, created_at)`);

    await q.query(`
      CREATE FUNCTION session_notes_signed_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        signed boolean;
      BEGIN
        IF TG_TABLE_NAME = 'session_notes' THEN
          signed := OLD.signed_at IS NOT NULL;
        ELSE
          SELECT n.signed_at IS NOT NULL INTO signed FROM session_notes n
          WHERE n.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.note_id ELSE NEW.note_id END;
          IF TG_OP = 'UPDATE' AND NOT signed THEN
            SELECT n.signed_at IS NOT NULL INTO signed FROM session_notes n WHERE n.id = OLD.note_id;
          END IF;
        END IF;
        IF signed THEN
          RAISE EXCEPTION 'a signed session note is immutable; write an addendum'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'session_notes_signed_immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER session_notes_signed_immutable BEFORE UPDATE OR DELETE ON session_notes
      FOR EACH ROW EXECUTE FUNCTION session_notes_signed_immutable()`);
    await q.query(`
      CREATE TRIGGER session_note_parts_signed_immutable BEFORE INSERT OR UPDATE OR DELETE ON session_note_parts
      FOR EACH ROW EXECUTE FUNCTION session_notes_signed_immutable()`);
    await q.query(`
      CREATE FUNCTION session_note_addenda_rules() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          RAISE EXCEPTION 'session note addenda are append-only'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'session_note_addenda_append_only';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM session_notes WHERE id = NEW.note_id AND signed_at IS NOT NULL) THEN
          RAISE EXCEPTION 'addenda are written to signed notes only'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'session_note_addenda_signed_only';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER session_note_addenda_rules BEFORE INSERT OR UPDATE OR DELETE ON session_note_addenda
      FOR EACH ROW EXECUTE FUNCTION session_note_addenda_rules()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'session_note_addenda', 'session_note_parts', 'session_notes', 'session_attendance',
      'session_patients', 'session_clinicians', 'sessions', 'session_series', 'rooms',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    for (const fn of [
      'session_note_addenda_rules', 'session_notes_signed_immutable', 'session_attendance_within_duration',
      'sessions_cancelled_final', 'sessions_propagate_to_bookings', 'session_booking_mirror',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
  }
}
