import type { MigrationInterface, QueryRunner } from 'typeorm';

const TRIGGERS: [table: string, trigger: string][] = [
  ['audit_events', 'audit_events_no_update_delete'],
  ['audit_events', 'audit_events_no_truncate'],
  ...['audit_chain', 'audit_checkpoints', 'audit_verifications'].flatMap((table): [string, string][] => [
    [table, `${table}_no_update_delete`],
    [table, `${table}_no_truncate`],
  ]),
];

/**
 * The audit tables' append-only triggers fire ALWAYS: ordinary triggers are
 * skipped under `SET session_replication_role = replica`, which let a session
 * delete the chain's tail and its events without touching a trigger.
 */
export class AuditTriggersAlways1765800520000 implements MigrationInterface {
  name = 'AuditTriggersAlways1765800520000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, trigger] of TRIGGERS) await q.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${trigger}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, trigger] of TRIGGERS) await q.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  }
}
