import { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE or DELETE … RETURNING and gives back the returned rows. TypeORM's PostgreSQL driver
 * answers those commands with `[rows, rowCount]`, unlike SELECT and INSERT, which answer with the rows.
 * The conditional writes that guard replays and single use read their outcome from here.
 */
export async function writeReturning<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const result: unknown = await manager.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
