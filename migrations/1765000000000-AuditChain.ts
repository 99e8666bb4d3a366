import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper-evident audit trail: each event records the transaction that wrote
 * it; a sealing job chains committed events into `audit_chain` (hash of the
 * event + previous hash) and records a checkpoint per run; the verifier
 * records each walk in `audit_verifications`. All three are append-only.
 */
export class AuditChain1765000000000 implements MigrationInterface {
  name = 'AuditChain1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // The writing transaction's 64-bit id: the sealer only chains events whose transaction has ended.
    await q.query(`ALTER TABLE audit_events ADD COLUMN transaction_id bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint)`);
    await q.query(`CREATE INDEX audit_events_transaction_idx ON audit_events (transaction_id, id)`);
    await q.query(`
      CREATE TABLE audit_chain (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        event_id bigint NOT NULL UNIQUE,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        sealed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE audit_checkpoints (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        chain_seq bigint NOT NULL,
        hash text NOT NULL,
        horizon bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE audit_verifications (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        intact boolean NOT NULL,
        links_checked bigint NOT NULL,
        problem_kind text CHECK (problem_kind IN ('altered', 'removed', 'inserted')),
        problem_event_id bigint,
        problem_detail text,
        CHECK (intact = (problem_kind IS NULL))
      )`);
    for (const table of ['audit_chain', 'audit_checkpoints', 'audit_verifications']) {
      await q.query(`
        CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_verifications, audit_checkpoints, audit_chain`);
    await q.query(`DROP INDEX audit_events_transaction_idx`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN transaction_id`);
  }
}
