import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations/index';

/** Applies every pending migration, each in its own transaction; returns the names it applied. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, migrations: MIGRATIONS, logging: false });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
