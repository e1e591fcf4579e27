import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { JsonLogger, Metrics, warnAboutDevelopmentSecrets } from '@sitepass/common';
import { loadConfigOrExit } from '@sitepass/config';
import { configureHttpApp } from '@sitepass/http';
import { PAY_PAGES, PayMfaModule } from './pay-mfa.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit({ port: 3001 });
  const logger = new JsonLogger(config.logLevel);
  warnAboutDevelopmentSecrets(config, logger);
  const app = await NestFactory.create<NestExpressApplication>(PayMfaModule.forRoot(config), {
    bodyParser: false,
    logger,
  });
  configureHttpApp(
    app,
    config,
    { title: 'Sitepass MFA: Pay', description: 'Pay sign-in, role-specific enrollment, step-up, authorization.' },
    { pages: PAY_PAGES },
  );
  app.get(Metrics).collectProcessMetrics();
  await app.listen(config.port);
}

void main();
