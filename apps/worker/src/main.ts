import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { JsonLogger, warnAboutDevelopmentSecrets } from '@sitepass/common';
import { loadConfigOrExit } from '@sitepass/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit({ port: 3002 });
  const logger = new JsonLogger(config.logLevel);
  warnAboutDevelopmentSecrets(config, logger);
  const app = await NestFactory.create<NestExpressApplication>(WorkerModule.forRoot(config), {
    logger,
  });
  // Queue workers finish their active jobs before the process exits (OPS-3).
  app.enableShutdownHooks();
  await app.listen(config.port);
}

void main();
