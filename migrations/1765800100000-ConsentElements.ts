import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The elements of a 42 CFR Part 2 consent (2.31(a)) as data the database holds
 * every new consent to (src/patients/consent-elements.ts):
 * - `recipient_kind`: individual, organisation, or a class of recipients (the
 *   single consent for treatment, payment and health care operations);
 * - `covered_exports`: the identified row exports (report ids) the consent
 *   covers; older rows get the empty list, so no export relies on a consent
 *   that never said it covered one;
 * - an expiry date, a kind, and recipient, purpose and information that are not
 *   blank; signed no later than the day it was recorded (a day of slack for the
 *   program time zone).
 * These CHECKs are NOT VALID: consents recorded before stay as they were (no
 * expiry, no kind) and are not in force for disclosure (2.31(c), deficient
 * consent), while every row written from now on must satisfy them.
 * `reporting.active_consents` gains the kind and the covered exports and keeps
 * only consents with an expiry date.
 */
export class ConsentElements1765800100000 implements MigrationInterface {
  name = 'ConsentElements1765800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consents
        ADD COLUMN recipient_kind text CHECK (recipient_kind IN ('individual', 'organisation', 'class')),
        ADD COLUMN covered_exports text[] NOT NULL DEFAULT '{}'
          CONSTRAINT consents_covered_exports_known
          CHECK (covered_exports <@ ARRAY['vitals', 'sessions']::text[] AND array_position(covered_exports, NULL) IS NULL)`);
    await q.query(`
      ALTER TABLE consents
        ADD CONSTRAINT consents_required_elements CHECK (
          expires_on IS NOT NULL AND recipient_kind IS NOT NULL
          AND btrim(recipient) <> '' AND btrim(purpose) <> '' AND btrim(information_to_disclose) <> ''
        ) NOT VALID,
        ADD CONSTRAINT consents_signed_not_in_future CHECK (signed_on <= (created_at AT TIME ZONE 'UTC')::date + 1) NOT VALID`);
    await q.query(`
      CREATE OR REPLACE VIEW reporting.active_consents AS
      SELECT patient_id, lower(btrim(recipient)) AS recipient_key, lower(btrim(purpose)) AS purpose_key,
             signed_on, expires_on, recipient_kind, covered_exports
      FROM consents WHERE revoked_at IS NULL AND expires_on IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW reporting.active_consents`);
    await q.query(`
      CREATE VIEW reporting.active_consents AS
      SELECT patient_id, lower(btrim(recipient)) AS recipient_key, lower(btrim(purpose)) AS purpose_key,
             signed_on, expires_on
      FROM consents WHERE revoked_at IS NULL`);
    await q.query(`GRANT SELECT ON reporting.active_consents TO report_reader`);
    await q.query(`
      ALTER TABLE consents
        DROP CONSTRAINT consents_signed_not_in_future, DROP CONSTRAINT consents_required_elements,
        DROP COLUMN covered_exports, DROP COLUMN recipient_kind`);
  }
}
