import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Screening publishes each patient's current level of care (the latest ASAM
 * assessment) as a view, so other features read it without touching
 * screening's table or importing its code.
 */
export class CurrentLevelOfCareView1764400000000 implements MigrationInterface {
  name = 'CurrentLevelOfCareView1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW patient_current_level_of_care AS
      SELECT DISTINCT ON (patient_id) patient_id, recommended_level, outcome, recorded_at
      FROM level_of_care_assessments
      ORDER BY patient_id, recorded_at DESC, id DESC
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW patient_current_level_of_care`);
  }
}
