import { createTestApp, type TestApp } from './support/test-app';

/**
 * The schema is written by hand in migrations/. This fails when an entity and
 * the migrated schema disagree about a table or column (name, type, nullability),
 * i.e. when someone changed an entity without writing the migration.
 * Constraints, indexes and defaults live only in the migrations, so the
 * statements that would drop them are expected and ignored.
 */
const MIGRATION_OWNED = [/ DROP CONSTRAINT /, /^DROP INDEX /, / ALTER COLUMN "\w+" DROP DEFAULT$/];

describe('entities and migrations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('agree on every table and column', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    const drift = pending.upQueries
      .map((q) => q.query.trim())
      .filter((sql) => !MIGRATION_OWNED.some((owned) => owned.test(sql)));
    expect(drift).toEqual([]);
  });
});
