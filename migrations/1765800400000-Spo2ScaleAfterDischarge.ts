import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A NEWS2 SpO2 scale prescription is a clinical order too: none for a discharged patient (SQLSTATE PD001). */
export class Spo2ScaleAfterDischarge1765800400000 implements MigrationInterface {
  name = 'Spo2ScaleAfterDischarge1765800400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TRIGGER spo2_scale_prescriptions_refuse_after_discharge BEFORE INSERT ON spo2_scale_prescriptions
      FOR EACH ROW EXECUTE FUNCTION refuse_care_after_discharge()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER spo2_scale_prescriptions_refuse_after_discharge ON spo2_scale_prescriptions`);
  }
}
