// Global setup runs outside Jest's module mapper: import the library by path.
import { runMigrations } from '../../libs/database/src/run-migrations';
import { databaseUrl, testDatabaseName, withServer } from './test-database';

/**
 * Once per `npm test`: migrate a template database, then clone it for each Jest worker, so that
 * migrations run once and workers never share rows. Leftovers of runs older than an hour are dropped.
 */
export default async function globalSetup(): Promise<void> {
  const runId = String(Date.now());
  process.env.SITEPASS_TEST_RUN = runId;
  const workers = 2;
  await withServer(async (server) => {
    const { rows } = await server.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'sitepass_test_%'`);
    for (const { datname } of rows) {
      const started = Number(datname.split('_')[2]);
      if (started < Date.now() - 3600_000) await server.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    const template = testDatabaseName(runId, 'tpl');
    await server.query(`CREATE DATABASE "${template}"`);
    await runMigrations(databaseUrl(template));
    for (let worker = 1; worker <= workers; worker += 1) {
      await server.query(`CREATE DATABASE "${testDatabaseName(runId, String(worker))}" TEMPLATE "${template}"`);
    }
  });
}
