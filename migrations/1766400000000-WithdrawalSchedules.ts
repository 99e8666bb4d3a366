import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reassessment schedule of each detox episode and scale: when the next
 * withdrawal assessment is due, or that CIWA-Ar monitoring is complete. The
 * assessments are append-only and each keeps the schedule as it stood when it
 * was recorded; this row is recomputed from the whole history on every new
 * assessment, so one entered late (a severe score from two hours ago) reopens
 * monitoring that its later neighbour had closed. The worklist and the overdue
 * job read it.
 */
export class WithdrawalSchedules1766400000000 implements MigrationInterface {
  name = 'WithdrawalSchedules1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE withdrawal_schedules (
        episode_id uuid NOT NULL REFERENCES detox_episodes (id),
        scale text NOT NULL CHECK (scale IN ('CIWA-Ar', 'COWS')),
        latest_assessment_id uuid NOT NULL UNIQUE REFERENCES withdrawal_assessments (id),
        next_due_at timestamptz,
        monitoring_complete boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (episode_id, scale),
        CHECK (monitoring_complete = (next_due_at IS NULL))
      )`);
    await q.query(`CREATE INDEX withdrawal_schedules_due_idx ON withdrawal_schedules (next_due_at) WHERE next_due_at IS NOT NULL`);
    await q.query(`
      INSERT INTO withdrawal_schedules (episode_id, scale, latest_assessment_id, next_due_at, monitoring_complete)
      SELECT DISTINCT ON (episode_id, scale) episode_id, scale, id, next_due_at, monitoring_complete
      FROM withdrawal_assessments
      ORDER BY episode_id, scale, assessed_at DESC, recorded_at DESC, id DESC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE withdrawal_schedules`);
  }
}
