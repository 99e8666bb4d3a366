import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables where a row is new care for the patient. None is written for a
 * discharged patient (re-admit to screening first); vitals, withdrawal scores
 * and observations need an open detox episode, which a discharge cannot leave.
 */
const NEW_CARE_TABLES = [
  'screenings', 'diagnoses', 'level_of_care_assessments', 'detox_episodes', 'medication_orders',
  'medication_administrations', 'support_group_memberships', 'community_meetings', 'aftercare_plans',
  'follow_ups', 'check_ins', 'session_patients',
];

/**
 * Discharge is enforced by PostgreSQL, not only by the services:
 * - a patient discharged as deceased never changes phase again;
 * - no new care is recorded for a discharged patient. The check takes the
 *   patient row FOR SHARE, so it waits for a discharge in flight (which holds
 *   the row FOR UPDATE while it closes sessions, seats, orders and follow-ups)
 *   and then sees its outcome: nothing slips in after the close-out.
 * SQLSTATE PD001 is answered as 422 patient_discharged.
 */
export class DischargeClosesCare1765800000000 implements MigrationInterface {
  name = 'DischargeClosesCare1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION patients_deceased_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.phase = 'discharged' AND OLD.discharge_reason = 'deceased'
           AND (NEW.phase IS DISTINCT FROM OLD.phase OR NEW.discharge_reason IS DISTINCT FROM OLD.discharge_reason) THEN
          RAISE EXCEPTION 'the patient is recorded as deceased; the phase does not change again'
            USING ERRCODE = 'PD001';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER patients_deceased_final BEFORE UPDATE OF phase, discharge_reason ON patients
      FOR EACH ROW EXECUTE FUNCTION patients_deceased_final()`);
    await q.query(`
      CREATE FUNCTION refuse_care_after_discharge() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        current_phase text;
      BEGIN
        -- No filter on phase in the locking read: it must wait for a discharge in flight, then read its result.
        SELECT phase INTO current_phase FROM patients WHERE id = NEW.patient_id FOR SHARE;
        IF current_phase = 'discharged' THEN
          RAISE EXCEPTION 'the patient is discharged: no new care is recorded (re-admit to screening first)'
            USING ERRCODE = 'PD001';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of NEW_CARE_TABLES) {
      await q.query(`
        CREATE TRIGGER ${table}_refuse_after_discharge BEFORE INSERT ON ${table}
        FOR EACH ROW EXECUTE FUNCTION refuse_care_after_discharge()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of NEW_CARE_TABLES) await q.query(`DROP TRIGGER ${table}_refuse_after_discharge ON ${table}`);
    await q.query(`DROP FUNCTION refuse_care_after_discharge()`);
    await q.query(`DROP TRIGGER patients_deceased_final ON patients`);
    await q.query(`DROP FUNCTION patients_deceased_final()`);
  }
}
