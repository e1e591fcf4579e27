import { Client } from 'pg';

/** The server the tests use; PostgreSQL with trust auth on the machine (see README). */
export const TEST_SERVER_URL = 'postgres://postgres@127.0.0.1:5432';
const TEST_DATABASE = /^sitepass_test_\d+_(tpl|\d+)(_[a-z]+)?$/;

export function testDatabaseName(runId: string, worker: string): string {
  return `sitepass_test_${runId}_${worker}`;
}

/**
 * A second database of this worker, `sitepass_test_<run>_<worker>_<purpose>`, made from the migrated template:
 * empty tables, the current schema. Dropped first if a test left it behind, and with the others at the end.
 */
export async function createExtraDatabase(runId: string, worker: string, purpose: string): Promise<string> {
  const name = `${testDatabaseName(runId, worker)}_${purpose}`;
  const url = databaseUrl(name);
  await withServer(async (server) => {
    await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await server.query(`CREATE DATABASE "${name}" TEMPLATE "${testDatabaseName(runId, 'tpl')}"`);
  });
  return url;
}

export function databaseUrl(name: string): string {
  if (!TEST_DATABASE.test(name)) {
    throw new Error(`Refusing to use "${name}": test databases are named sitepass_test_<run>_<worker>[_<purpose>]`);
  }
  return `${TEST_SERVER_URL}/${name}`;
}

export async function withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${TEST_SERVER_URL}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const DEADLOCK_DETECTED = '40P01';

/**
 * Empties every table but the migration history; audit rows go too (TRUNCATE is not a row DELETE).
 *
 * A test may end while the file's running worker still finishes its last job (an SMS delivery recorded after
 * the fake Twilio answered). TRUNCATE locks its tables one at a time, so it can deadlock with that job's
 * transaction; PostgreSQL then aborts one of the two, and when it is the TRUNCATE, it is tried again.
 */
export async function truncateAll(client: Pick<Client, 'query'>): Promise<void> {
  const { rows } = await client.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  );
  if (rows.length === 0) return;
  const truncate = `TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(', ')} CASCADE`;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(truncate);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt === 5) throw error;
    }
  }
}
