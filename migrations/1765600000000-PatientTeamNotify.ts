import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Performance (issue 15): app instances cache each patient's care team and
 * emergency grants for the access check every patient-scoped request makes.
 * Every committed change to either table notifies the patient's id (delivered
 * at commit), whoever makes it, so every instance drops its copy at once.
 */
export class PatientTeamNotify1765600000000 implements MigrationInterface {
  name = 'PatientTeamNotify1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION patient_team_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM pg_notify('patient_team_changed', OLD.patient_id::text); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM pg_notify('patient_team_changed', NEW.patient_id::text); END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['care_team_members', 'emergency_access_grants']) {
      await q.query(`
        CREATE TRIGGER ${table}_notify_changed AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION patient_team_notify_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['care_team_members', 'emergency_access_grants']) {
      await q.query(`DROP TRIGGER ${table}_notify_changed ON ${table}`);
    }
    await q.query(`DROP FUNCTION patient_team_notify_changed()`);
  }
}
