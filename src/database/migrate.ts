import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Applies pending migrations; returns the names of the ones it ran. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    // Several instances may start at once: one migrates, the others wait.
    await dataSource.query(`SELECT pg_advisory_lock(hashtext('schema-migrations'))`);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query(`SELECT pg_advisory_unlock(hashtext('schema-migrations'))`);
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
