import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two fixes found by concurrent requests:
 * - A phase change waits for the patient's row lock; `now()` is the time its
 *   transaction began, so a change that waited was stamped before the one it
 *   followed. `clock_timestamp()` is read at the insert, after the lock.
 * - Login attempts per client address are counted in a table of their own,
 *   written before the password is checked (under a per-address advisory
 *   lock), so attempts in flight count against the limit on every instance.
 */
export class SerialisedAuthAndPhaseTimes1765700000000 implements MigrationInterface {
  name = 'SerialisedAuthAndPhaseTimes1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE patient_phase_changes ALTER COLUMN changed_at SET DEFAULT clock_timestamp()`);
    await q.query(`
      CREATE TABLE login_attempts (
        client_address text NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX login_attempts_client_idx ON login_attempts (client_address, attempted_at)`);
    await q.query(`CREATE INDEX login_attempts_time_idx ON login_attempts (attempted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_attempts`);
    await q.query(`ALTER TABLE patient_phase_changes ALTER COLUMN changed_at SET DEFAULT now()`);
  }
}
