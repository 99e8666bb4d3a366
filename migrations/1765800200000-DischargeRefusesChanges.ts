import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closes the two ways around DischargeClosesCare's insert check that change
 * an existing row into new care for a discharged patient:
 * - an aftercare plan edited, opted out or back in (every change updates the plan row);
 * - a booking moved into the future: a session under way at the discharge
 *   (left alone by it) rescheduled to a later day, which would give the
 *   patient a future session. Moves of sessions already held stay possible.
 * Both raise SQLSTATE PD001 (422 patient_discharged).
 */
export class DischargeRefusesChanges1765800200000 implements MigrationInterface {
  name = 'DischargeRefusesChanges1765800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TRIGGER aftercare_plans_refuse_change_after_discharge BEFORE UPDATE ON aftercare_plans
      FOR EACH ROW EXECUTE FUNCTION refuse_care_after_discharge()`);
    await q.query(`
      CREATE FUNCTION refuse_future_booking_after_discharge() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        current_phase text;
      BEGIN
        IF NEW.active AND lower(NEW.period) > now()
           AND (NOT OLD.active OR NEW.period IS DISTINCT FROM OLD.period) THEN
          SELECT phase INTO current_phase FROM patients WHERE id = NEW.patient_id FOR SHARE;
          IF current_phase = 'discharged' THEN
            RAISE EXCEPTION 'the patient is discharged: a session is not moved to a time still to come'
              USING ERRCODE = 'PD001';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    // Named to run after session_patients_mirror, which sets the booking's period from its session.
    await q.query(`
      CREATE TRIGGER session_patients_refuse_future_after_discharge BEFORE UPDATE ON session_patients
      FOR EACH ROW EXECUTE FUNCTION refuse_future_booking_after_discharge()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER session_patients_refuse_future_after_discharge ON session_patients`);
    await q.query(`DROP FUNCTION refuse_future_booking_after_discharge()`);
    await q.query(`DROP TRIGGER aftercare_plans_refuse_change_after_discharge ON aftercare_plans`);
  }
}
