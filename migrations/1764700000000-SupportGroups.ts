import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Support groups, and one booking mechanism shared by sessions and group meetings.
 *
 * Shared bookings: `room_bookings` and `staff_bookings` hold every active booking of a room or a
 * staff member, whether a session or a support-group meeting holds it, and one exclusion constraint
 * on each refuses two overlapping bookings of the same room or person. Neither feature writes them:
 * triggers on sessions / session_clinicians and on meetings / meeting facilitators keep them equal to
 * their source rows (a cancelled session or meeting has no booking). The sessions' own room and
 * clinician constraints are replaced by these (patients stay on session_patients: meetings do not
 * book patients); existing sessions are copied over, so no booking is lost.
 *
 * Membership: the capacity trigger locks the group row FOR UPDATE before counting seats, so two
 * concurrent joins (or a join and a capacity change) are serialised by PostgreSQL whatever the
 * application does. The waitlist is ordered by an identity column taken under that lock: arrival order.
 *
 * `patient_group_attendance` is the published read model of verified and self-reported attendance
 * (aftercare and reports read it; they never import support-groups code); `staff_meeting_events`
 * lists each facilitator's meetings for staff calendars.
 */
export class SupportGroups1764700000000 implements MigrationInterface {
  name = 'SupportGroups1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE support_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
        kind text NOT NULL CHECK (kind IN ('peer_12_step', 'smart_recovery', 'relapse_prevention', 'family', 'other')),
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 200),
        weekdays text[] NOT NULL
          CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']),
        start_time time NOT NULL,
        end_time time NOT NULL,
        first_date date NOT NULL,
        last_date date,
        time_zone text NOT NULL,
        room_id uuid REFERENCES rooms (id),
        video_url text CHECK (video_url ~ '^https://' AND length(video_url) <= 500),
        enrollment text NOT NULL CHECK (enrollment IN ('open', 'closed')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_time > start_time),
        CHECK (last_date IS NULL OR last_date >= first_date),
        CONSTRAINT support_groups_one_location CHECK ((room_id IS NULL) <> (video_url IS NULL))
      )`);
    await q.query(`
      CREATE TABLE support_group_facilitators (
        group_id uuid NOT NULL REFERENCES support_groups (id),
        user_id uuid NOT NULL REFERENCES users (id),
        PRIMARY KEY (group_id, user_id)
      )`);
    await q.query(`CREATE INDEX support_group_facilitators_user_idx ON support_group_facilitators (user_id)`);

    await q.query(`
      CREATE TABLE support_group_memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES support_groups (id),
        patient_id uuid NOT NULL REFERENCES patients (id),
        status text NOT NULL CHECK (status IN ('member', 'waitlisted', 'left')),
        arrival bigint GENERATED ALWAYS AS IDENTITY,
        referral text CHECK (length(btrim(referral)) BETWEEN 1 AND 500),
        requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        seated_at timestamptz,
        promoted_from_waitlist boolean NOT NULL DEFAULT false,
        left_at timestamptz,
        leave_reason text CHECK (length(btrim(leave_reason)) BETWEEN 1 AND 500),
        added_by uuid NOT NULL REFERENCES users (id),
        left_by uuid REFERENCES users (id),
        CHECK ((status = 'left') = (left_at IS NOT NULL) AND (left_at IS NULL) = (leave_reason IS NULL)),
        CHECK (status <> 'member' OR seated_at IS NOT NULL),
        CHECK (NOT promoted_from_waitlist OR seated_at IS NOT NULL)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX support_group_memberships_current_key ON support_group_memberships (group_id, patient_id)
      WHERE status IN ('member', 'waitlisted')`);
    await q.query(`CREATE INDEX support_group_memberships_patient_idx ON support_group_memberships (patient_id)`);
    await q.query(`
      CREATE INDEX support_group_memberships_waitlist_idx ON support_group_memberships (group_id, arrival)
      WHERE status = 'waitlisted'`);
    await q.query(`
      CREATE FUNCTION support_group_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        seats integer;
        taken integer;
      BEGIN
        IF TG_TABLE_NAME = 'support_groups' THEN
          SELECT count(*) INTO taken FROM support_group_memberships WHERE group_id = NEW.id AND status = 'member';
          seats := NEW.capacity;
        ELSE
          SELECT capacity INTO seats FROM support_groups WHERE id = NEW.group_id FOR UPDATE;
          SELECT count(*) INTO taken FROM support_group_memberships
          WHERE group_id = NEW.group_id AND status = 'member' AND id <> NEW.id;
          taken := taken + 1;
        END IF;
        IF taken > seats THEN
          RAISE EXCEPTION 'the support group is full'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'support_group_capacity';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER support_group_memberships_capacity BEFORE INSERT OR UPDATE OF status ON support_group_memberships
      FOR EACH ROW WHEN (NEW.status = 'member') EXECUTE FUNCTION support_group_capacity()`);
    await q.query(`
      CREATE TRIGGER support_groups_capacity BEFORE UPDATE OF capacity ON support_groups
      FOR EACH ROW EXECUTE FUNCTION support_group_capacity()`);

    await q.query(`
      CREATE TABLE support_group_meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES support_groups (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        room_id uuid REFERENCES rooms (id),
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        cancel_reason text CHECK (length(btrim(cancel_reason)) BETWEEN 1 AND 500),
        cancelled_at timestamptz,
        cancelled_by uuid REFERENCES users (id),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (group_id, starts_at),
        CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '12 hours'),
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL) AND (cancelled_at IS NULL) = (cancel_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX support_group_meetings_starts_at_idx ON support_group_meetings (starts_at)`);
    await q.query(`
      CREATE TABLE support_group_meeting_facilitators (
        meeting_id uuid NOT NULL REFERENCES support_group_meetings (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        PRIMARY KEY (meeting_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE support_group_meeting_skips (
        group_id uuid NOT NULL REFERENCES support_groups (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        conflicts jsonb NOT NULL,
        detected_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, starts_at)
      )`);

    // The shared booking tables, and sessions moved onto them.
    await q.query(`
      CREATE TABLE room_bookings (
        room_id uuid NOT NULL REFERENCES rooms (id),
        period tstzrange NOT NULL CHECK (lower_inc(period) AND NOT upper_inc(period) AND NOT isempty(period)),
        session_id uuid REFERENCES sessions (id) ON DELETE CASCADE,
        meeting_id uuid REFERENCES support_group_meetings (id) ON DELETE CASCADE,
        CHECK ((session_id IS NULL) <> (meeting_id IS NULL)),
        UNIQUE (session_id),
        UNIQUE (meeting_id),
        CONSTRAINT room_bookings_no_overlap EXCLUDE USING gist (room_id WITH =, period WITH &&)
          DEFERRABLE INITIALLY IMMEDIATE
      )`);
    await q.query(`
      CREATE TABLE staff_bookings (
        user_id uuid NOT NULL REFERENCES users (id),
        period tstzrange NOT NULL CHECK (lower_inc(period) AND NOT upper_inc(period) AND NOT isempty(period)),
        session_id uuid REFERENCES sessions (id) ON DELETE CASCADE,
        meeting_id uuid REFERENCES support_group_meetings (id) ON DELETE CASCADE,
        CHECK ((session_id IS NULL) <> (meeting_id IS NULL)),
        UNIQUE (session_id, user_id),
        UNIQUE (meeting_id, user_id),
        CONSTRAINT staff_bookings_no_overlap EXCLUDE USING gist (user_id WITH =, period WITH &&)
          DEFERRABLE INITIALLY IMMEDIATE
      )`);
    await q.query(`CREATE INDEX staff_bookings_user_idx ON staff_bookings (user_id, lower(period))`);
    await q.query(`CREATE INDEX room_bookings_room_idx ON room_bookings (room_id, lower(period))`);

    await q.query(`
      INSERT INTO room_bookings (room_id, period, session_id)
      SELECT room_id, tstzrange(starts_at, ends_at, '[)'), id FROM sessions WHERE status = 'scheduled' AND room_id IS NOT NULL`);
    await q.query(`
      INSERT INTO staff_bookings (user_id, period, session_id)
      SELECT clinician_id, period, session_id FROM session_clinicians WHERE active`);
    await q.query(`ALTER TABLE sessions DROP CONSTRAINT sessions_room_no_overlap`);
    await q.query(`ALTER TABLE session_clinicians DROP CONSTRAINT session_clinicians_no_overlap`);

    await q.query(`
      CREATE FUNCTION session_room_booking() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM room_bookings WHERE session_id = NEW.id;
        IF NEW.status = 'scheduled' AND NEW.room_id IS NOT NULL THEN
          INSERT INTO room_bookings (room_id, period, session_id)
          VALUES (NEW.room_id, tstzrange(NEW.starts_at, NEW.ends_at, '[)'), NEW.id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER sessions_room_booking AFTER INSERT OR UPDATE OF starts_at, ends_at, status, room_id ON sessions
      FOR EACH ROW EXECUTE FUNCTION session_room_booking()`);
    await q.query(`
      CREATE FUNCTION session_staff_booking() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          DELETE FROM staff_bookings WHERE session_id = OLD.session_id AND user_id = OLD.clinician_id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.active THEN
          INSERT INTO staff_bookings (user_id, period, session_id) VALUES (NEW.clinician_id, NEW.period, NEW.session_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER session_clinicians_staff_booking AFTER INSERT OR UPDATE OR DELETE ON session_clinicians
      FOR EACH ROW EXECUTE FUNCTION session_staff_booking()`);

    await q.query(`
      CREATE FUNCTION meeting_bookings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM room_bookings WHERE meeting_id = NEW.id;
        DELETE FROM staff_bookings WHERE meeting_id = NEW.id;
        IF NEW.status = 'scheduled' THEN
          IF NEW.room_id IS NOT NULL THEN
            INSERT INTO room_bookings (room_id, period, meeting_id)
            VALUES (NEW.room_id, tstzrange(NEW.starts_at, NEW.ends_at, '[)'), NEW.id);
          END IF;
          INSERT INTO staff_bookings (user_id, period, meeting_id)
          SELECT f.user_id, tstzrange(NEW.starts_at, NEW.ends_at, '[)'), NEW.id
          FROM support_group_meeting_facilitators f WHERE f.meeting_id = NEW.id ORDER BY f.user_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER support_group_meetings_bookings
      AFTER INSERT OR UPDATE OF starts_at, ends_at, status, room_id ON support_group_meetings
      FOR EACH ROW EXECUTE FUNCTION meeting_bookings()`);
    await q.query(`
      CREATE FUNCTION meeting_facilitator_booking() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          DELETE FROM staff_bookings WHERE meeting_id = OLD.meeting_id AND user_id = OLD.user_id;
          RETURN NULL;
        END IF;
        INSERT INTO staff_bookings (user_id, period, meeting_id)
        SELECT NEW.user_id, tstzrange(m.starts_at, m.ends_at, '[)'), m.id
        FROM support_group_meetings m WHERE m.id = NEW.meeting_id AND m.status = 'scheduled';
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER support_group_meeting_facilitators_booking
      AFTER INSERT OR DELETE ON support_group_meeting_facilitators
      FOR EACH ROW EXECUTE FUNCTION meeting_facilitator_booking()`);

    await q.query(`
      CREATE TABLE support_group_attendance (
        meeting_id uuid NOT NULL REFERENCES support_group_meetings (id),
        patient_id uuid NOT NULL REFERENCES patients (id),
        status text NOT NULL CHECK (status IN ('present', 'late', 'absent', 'excused')),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meeting_id, patient_id)
      )`);
    await q.query(`CREATE INDEX support_group_attendance_patient_idx ON support_group_attendance (patient_id)`);

    await q.query(`
      CREATE TABLE community_meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        occurred_on date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('aa', 'na', 'smart_recovery', 'other')),
        name text CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        place text CHECK (length(btrim(place)) BETWEEN 1 AND 200),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX community_meetings_patient_idx ON community_meetings (patient_id, occurred_on)`);

    await q.query(`
      CREATE VIEW patient_group_attendance AS
      SELECT a.patient_id, m.group_id, m.id AS meeting_id, g.kind, m.starts_at AS occurred_at,
             (m.starts_at AT TIME ZONE g.time_zone)::date AS occurred_on, a.status, false AS self_reported
      FROM support_group_attendance a
      JOIN support_group_meetings m ON m.id = a.meeting_id
      JOIN support_groups g ON g.id = m.group_id
      UNION ALL
      SELECT c.patient_id, NULL, NULL, c.kind, NULL, c.occurred_on, 'present', true
      FROM community_meetings c`);
    await q.query(`
      COMMENT ON VIEW patient_group_attendance IS
        'Published by support-groups: one row per verified group attendance (self_reported false; status present, late, '
        'absent or excused; occurred_on in the group''s time zone) or self-reported community meeting (self_reported true, '
        'status present, group_id NULL). Not counted toward IOP hours.'`);
    // Published for staff calendars (sessions' calendar.ics): one row per facilitator and meeting, no patient data.
    await q.query(`
      CREATE VIEW staff_meeting_events AS
      SELECT f.user_id, mt.id AS meeting_id, mt.group_id, g.name AS group_name, mt.starts_at, mt.ends_at,
             r.name AS room_name, g.video_url, mt.status = 'cancelled' AS cancelled, mt.version, mt.updated_at
      FROM support_group_meeting_facilitators f
      JOIN support_group_meetings mt ON mt.id = f.meeting_id
      JOIN support_groups g ON g.id = mt.group_id
      LEFT JOIN rooms r ON r.id = mt.room_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW IF EXISTS staff_meeting_events`);
    await q.query(`DROP VIEW IF EXISTS patient_group_attendance`);
    await q.query(`DROP TRIGGER IF EXISTS sessions_room_booking ON sessions`);
    await q.query(`DROP TRIGGER IF EXISTS session_clinicians_staff_booking ON session_clinicians`);
    await q.query(`
      ALTER TABLE sessions ADD CONSTRAINT sessions_room_no_overlap EXCLUDE USING gist
        (room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (status = 'scheduled' AND room_id IS NOT NULL) DEFERRABLE INITIALLY IMMEDIATE`);
    await q.query(`
      ALTER TABLE session_clinicians ADD CONSTRAINT session_clinicians_no_overlap EXCLUDE USING gist
        (clinician_id WITH =, period WITH &&) WHERE (active) DEFERRABLE INITIALLY IMMEDIATE`);
    for (const table of [
      'community_meetings', 'support_group_attendance', 'staff_bookings', 'room_bookings', 'support_group_meeting_skips',
      'support_group_meeting_facilitators', 'support_group_meetings', 'support_group_memberships',
      'support_group_facilitators', 'support_groups',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    for (const fn of [
      'meeting_facilitator_booking', 'meeting_bookings', 'session_staff_booking', 'session_room_booking',
      'support_group_capacity',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
  }
}
