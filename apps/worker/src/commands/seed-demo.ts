import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DirectoryModule, DirectoryRepository, DirectoryService } from '@sitepass/auth';
import { CommonModule, JsonLogger } from '@sitepass/common';
import { ConfigModule, loadConfigOrExit } from '@sitepass/config';
import { DatabaseModule } from '@sitepass/database';
import { DEMO_COMPANIES, DEMO_PASSWORD, DEMO_USERS } from './demo-directory';

/** `npm run seed:demo` (DIR-4): loads the demo directory; running it again changes nothing. */
async function main(): Promise<void> {
  const config = loadConfigOrExit({ port: 0 });
  @Module({ imports: [ConfigModule.forRoot(config), CommonModule.forRoot('seed'), DatabaseModule.forRoot(), DirectoryModule] })
  class SeedModule {}
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: new JsonLogger('warn') });
  try {
    const directory = app.get(DirectoryService);
    const repository = app.get(DirectoryRepository);
    const companyIds = new Map<string, string>();
    for (const company of DEMO_COMPANIES) {
      const existing = await repository.findCompanyByName(company.name);
      companyIds.set(company.key, (existing ?? (await directory.createCompany(company))).id);
    }
    for (const demo of DEMO_USERS) {
      const user =
        (await repository.findUserByEmail(demo.email)) ??
        (await directory.createUser({ email: demo.email, password: DEMO_PASSWORD, alwaysRequireMfa: demo.alwaysRequireMfa, support: demo.support }));
      for (const membership of demo.memberships) {
        await directory.setMembership(companyIds.get(membership.company)!, user.id, { role: membership.role, payRoles: membership.payRoles });
      }
    }
    printAccounts();
  } finally {
    await app.close();
  }
}

function printAccounts(): void {
  const width = Math.max(...DEMO_USERS.map((user) => user.email.length));
  const lines = DEMO_USERS.map((user) => `  ${user.email.padEnd(width)}  ${user.note}`);
  process.stdout.write(`Demo directory ready. Every account's password is "${DEMO_PASSWORD}".\n${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  new JsonLogger().error(error instanceof Error ? error : String(error), 'Seed');
  process.exit(1);
});
