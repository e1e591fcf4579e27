import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretRotation } from '@sitepass/auth';
import { CommonModule, JsonLogger, warnAboutDevelopmentSecrets } from '@sitepass/common';
import { loadConfigOrExit, SitepassConfigModule } from '@sitepass/config';
import { DatabaseModule, Factor } from '@sitepass/database';

/** `npm run secrets:reencrypt` (TOTP-6): re-seal every secret under the newest ENCRYPTION_KEYS key. */
async function main(): Promise<void> {
  const config = loadConfigOrExit({ port: 0 });
  const logger = new JsonLogger(config.logLevel);
  warnAboutDevelopmentSecrets(config, logger);
  @Module({
    imports: [
      SitepassConfigModule.forRoot(config),
      CommonModule.forRoot('reencrypt'),
      DatabaseModule.forRoot(),
      TypeOrmModule.forFeature([Factor]),
    ],
    providers: [SecretRotation],
  })
  class ReencryptModule {}
  const app = await NestFactory.createApplicationContext(ReencryptModule, { logger });
  try {
    await app.get(SecretRotation).reencryptAll();
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  new JsonLogger().error(error instanceof Error ? error : String(error), 'Reencrypt');
  process.exit(1);
});
