import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Performance (issue 15): app instances cache token users and settings in
 * process. Every committed change to a user or a setting sends a NOTIFY
 * (delivered at commit), whoever makes it (API, seed, psql), so every
 * instance drops its copy within a second.
 */
export class CacheInvalidationNotify1765300000000 implements MigrationInterface {
  name = 'CacheInvalidationNotify1765300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, column] of [['users', 'id'], ['settings', 'key']] as const) {
      await q.query(`
        CREATE FUNCTION ${table}_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('${table}_changed', CASE WHEN TG_OP = 'DELETE' THEN OLD.${column} ELSE NEW.${column} END::text);
          RETURN NULL;
        END $$`);
      await q.query(`
        CREATE TRIGGER ${table}_notify_changed AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ${table}_notify_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'settings']) {
      await q.query(`DROP TRIGGER ${table}_notify_changed ON ${table}`);
      await q.query(`DROP FUNCTION ${table}_notify_changed()`);
    }
  }
}
