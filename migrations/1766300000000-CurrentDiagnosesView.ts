import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Screening publishes each patient's current diagnosis per substance: the
 * latest confirmed one. A re-assessment that finds no disorder (or a milder
 * one) supersedes what was confirmed before it, so the treatment, medication
 * and re-entry gates read this view rather than any diagnosis ever confirmed.
 */
export class CurrentDiagnosesView1766300000000 implements MigrationInterface {
  name = 'CurrentDiagnosesView1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW patient_current_diagnoses AS
      SELECT DISTINCT ON (patient_id, substance) id, patient_id, substance, severity, recorded_at, confirmed_at
      FROM diagnoses
      WHERE confirmed_at IS NOT NULL
      ORDER BY patient_id, substance, recorded_at DESC, id DESC
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW patient_current_diagnoses`);
  }
}
