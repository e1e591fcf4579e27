import { DataSource } from 'typeorm';

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a hot statement outside any transaction as a named prepared statement: PostgreSQL parses and plans
 * it once per connection instead of on every call, which TypeORM's `query` cannot ask for. `name` must be
 * unique to `text` within the process.
 */
export async function queryPrepared<T>(db: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  // TypeORM's PostgreSQL driver keeps its pg Pool as `master`.
  const pool = (db.driver as unknown as { master: PgPool }).master;
  const { rows } = await pool.query({ name, text, values });
  return rows as T[];
}
