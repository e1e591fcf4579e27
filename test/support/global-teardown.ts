import { withServer } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const runId = process.env.SITEPASS_TEST_RUN;
  if (!runId) return;
  await withServer(async (server) => {
    const { rows } = await server.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `sitepass_test_${runId}_%`,
    ]);
    for (const { datname } of rows) await server.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
