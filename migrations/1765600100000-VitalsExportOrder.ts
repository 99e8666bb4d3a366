import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports (issue 14): the vitals row export is ordered by (taken_at,
 * patient_id); read in this index's order its first rows stream at once
 * instead of after a sort of every reading in the period.
 */
export class VitalsExportOrder1765600100000 implements MigrationInterface {
  name = 'VitalsExportOrder1765600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX vital_signs_time_patient_idx ON vital_signs (taken_at, patient_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX vital_signs_time_patient_idx`);
  }
}
