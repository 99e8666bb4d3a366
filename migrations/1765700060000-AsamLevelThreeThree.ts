import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ASAM Criteria (3rd ed., 2013) level 3.3, clinically managed
 * population-specific high-intensity residential services, can be recorded
 * as a recommendation (it is referred out like every level but 1 and 2.1).
 */
export class AsamLevelThreeThree1765700060000 implements MigrationInterface {
  name = 'AsamLevelThreeThree1765700060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE level_of_care_assessments DROP CONSTRAINT level_of_care_assessments_recommended_level_check`);
    await q.query(`ALTER TABLE level_of_care_assessments ADD CONSTRAINT level_of_care_assessments_recommended_level_check
      CHECK (recommended_level IN ('0.5', '1', '2.1', '2.5', '3.1', '3.3', '3.5', '3.7', '4'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE level_of_care_assessments DROP CONSTRAINT level_of_care_assessments_recommended_level_check`);
    await q.query(`ALTER TABLE level_of_care_assessments ADD CONSTRAINT level_of_care_assessments_recommended_level_check
      CHECK (recommended_level IN ('0.5', '1', '2.1', '2.5', '3.1', '3.5', '3.7', '4'))`);
  }
}
