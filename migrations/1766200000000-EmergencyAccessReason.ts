import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A break-the-glass grant must say why, in at least 10 characters that are
 * not padding. The API trims the reason before checking it; this constraint
 * keeps any other writer to the same rule. NOT VALID: grants written before
 * it are history and stay as they were, every new one is checked.
 */
export class EmergencyAccessReason1766200000000 implements MigrationInterface {
  name = 'EmergencyAccessReason1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE emergency_access_grants ADD CONSTRAINT emergency_access_grants_reason_check
        CHECK (length(btrim(reason, E' \\t\\n\\r\\f\\v')) BETWEEN 10 AND 500) NOT VALID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE emergency_access_grants DROP CONSTRAINT emergency_access_grants_reason_check`);
  }
}
