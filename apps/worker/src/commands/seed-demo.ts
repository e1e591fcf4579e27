import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DirectoryModule } from '@sitepass/auth';
import { CommonModule, JsonLogger, warnAboutDevelopmentSecrets } from '@sitepass/common';
import { loadConfigOrExit, SitepassConfigModule } from '@sitepass/config';
import { DatabaseModule } from '@sitepass/database';
import {
  DEMO_PASSWORD,
  DEMO_POLICY,
  DEMO_USERS,
  DemoSeedRefused,
  refuseDemoSeedInProduction,
  seedDemoDirectory,
  seedDemoPolicy,
} from './demo-directory';

/** `npm run seed:demo` (DIR-4): loads the demo directory; running it again changes nothing. */
async function main(): Promise<void> {
  const config = loadConfigOrExit({ port: 0 });
  const logger = new JsonLogger('warn');
  warnAboutDevelopmentSecrets(config, logger);
  // Before the application context exists: a refused run never opens a database connection.
  refuseDemoSeedInProduction(config);
  @Module({ imports: [SitepassConfigModule.forRoot(config), CommonModule.forRoot('seed'), DatabaseModule.forRoot(), DirectoryModule] })
  class SeedModule {}
  const app = await NestFactory.createApplicationContext(SeedModule, { logger });
  try {
    await seedDemoDirectory(app);
    await seedDemoPolicy(app, new Date());
    printAccounts();
  } finally {
    await app.close();
  }
}

function printAccounts(): void {
  const width = Math.max(...DEMO_USERS.map((user) => user.email.length));
  const lines = DEMO_USERS.map((user) => `  ${user.email.padEnd(width)}  ${user.note}`);
  process.stdout.write(`Demo directory ready. Every account's password is "${DEMO_PASSWORD}".\n${lines.join('\n')}\n`);
  process.stdout.write(`Acme Builders requires two-step sign-in (set by ${DEMO_POLICY.admin}, ${DEMO_POLICY.timeZone}).\n`);
}

main().catch((error: unknown) => {
  // A refusal is an answer, not a crash: its message alone, without a stack trace.
  new JsonLogger().error(error instanceof DemoSeedRefused ? error.message : error instanceof Error ? error : String(error), 'Seed');
  process.exit(1);
});
