import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { JsonLogger, Metrics, warnAboutDevelopmentSecrets } from '@sitepass/common';
import { loadConfigOrExit } from '@sitepass/config';
import { configureHttpApp } from '@sitepass/http';
import { STANDARD_PAGES, StandardMfaModule } from './standard-mfa.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit({ port: 3000 });
  const logger = new JsonLogger(config.logLevel);
  warnAboutDevelopmentSecrets(config, logger);
  const app = await NestFactory.create<NestExpressApplication>(StandardMfaModule.forRoot(config), {
    bodyParser: false,
    logger,
  });
  configureHttpApp(
    app,
    config,
    { title: 'Sitepass MFA: standard accounts', description: 'Sign-in, factors, company policy.' },
    { pages: STANDARD_PAGES },
  );
  app.get(Metrics).collectProcessMetrics();
  await app.listen(config.port);
}

void main();
