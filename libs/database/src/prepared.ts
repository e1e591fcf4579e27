import { DataSource } from 'typeorm';

/**
 * Runs a hot read outside any transaction as a named prepared statement: PostgreSQL parses and plans it
 * once per connection instead of on every call, which TypeORM's `query` cannot ask for. The connection
 * comes from a query runner, TypeORM's supported way to hold one of its pool's clients. `name` must be
 * unique to `text` within the process.
 */
export async function queryPrepared<T>(db: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  // The primary, always: these reads decide sign-ins and Pay authorizations (REL-4, ReadReplica).
  const runner = db.createQueryRunner('master');
  try {
    const client = (await runner.connect()) as { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }> };
    return (await client.query({ name, text, values })).rows;
  } finally {
    await runner.release();
  }
}
