import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { JsonLogger, Metrics, warnAboutDevelopmentSecrets } from '@sitepass/common';
import { loadConfigOrExit } from '@sitepass/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit({ port: 3002 });
  const logger = new JsonLogger(config.logLevel);
  warnAboutDevelopmentSecrets(config, logger);
  const app = await NestFactory.create<NestExpressApplication>(WorkerModule.forRoot(config), {
    logger,
  });
  // On SIGTERM the queue workers finish their active jobs (or give them back) before the process exits
  // with status 0 (OPS-3, REL-6).
  app.enableShutdownHooks([], { useProcessExit: true });
  app.get(Metrics).collectProcessMetrics();
  await app.listen(config.port);
}

void main();
