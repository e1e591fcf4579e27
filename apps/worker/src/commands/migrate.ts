import { JsonLogger, warnAboutDevelopmentSecrets } from '@sitepass/common';
import { loadConfigOrExit } from '@sitepass/config';
import { ensureDatabase, runMigrations } from '@sitepass/database';

/** `npm run migration:run` (OPS-4): creates the database if needed and applies pending migrations. */
async function main(): Promise<void> {
  const config = loadConfigOrExit({ port: 0 });
  const logger = new JsonLogger(config.logLevel);
  warnAboutDevelopmentSecrets(config, logger);
  if (await ensureDatabase(config.databaseUrl)) logger.log('Created the database', 'Migrations');
  const applied = await runMigrations(config.databaseUrl);
  logger.log(applied.length > 0 ? `Applied ${applied.join(', ')}` : 'The schema is up to date', 'Migrations');
}

main().catch((error: unknown) => {
  new JsonLogger().error(error instanceof Error ? error : String(error), 'Migrations');
  process.exit(1);
});
