import { Type } from '@nestjs/common';
import { PagesOptions } from '@sitepass/http';
import { FakeTwilio } from './fake-twilio';
import { AppKind, RunningApp, TestEnvironment } from './harness';
import { freePort } from './redis-server';
import { twilioWorkerEnv } from './mfa';
import { SmtpSink } from './smtp-sink';
import { EnvOverrides } from './test-config';

export interface PagesStackOptions {
  /** The app that serves the pages: the standard app by default. */
  kind?: Exclude<AppKind, 'worker'>;
  /** Where the app serves pages (the prefixes its main.ts passes). */
  pages: PagesOptions;
  /** Test-only page controllers beside the app's own. */
  controllers?: Type<unknown>[];
  overrides?: EnvOverrides;
  /**
   * Passkeys on (PASSKEY-6): the app listens on a port chosen beforehand, so that its WebAuthn origin can be
   * configured; the browser opens it as http://localhost:<port> (localhost is a secure context, and an RP ID must
   * be a domain name, never an address).
   */
  passkeys?: boolean;
}

/** What a page flow runs against; the app is there from the first test on. */
export interface PagesStack {
  readonly app: RunningApp;
  /** The texts the worker sent, through the local Twilio. */
  readonly twilio: FakeTwilio;
  /** The emails the worker sent, over SMTP. */
  readonly smtp: SmtpSink;
  /** Where the browser opens the pages: the app's own origin, or http://localhost:<port> with passkeys. */
  readonly origin: string;
}

/**
 * WEB-10's stack for a browser test file, on the file's environment (its database, Redis prefix and fake clock):
 * the app with its pages on a real port, and a worker that texts through a local Twilio and emails an SMTP sink.
 * Started once for the file and closed with the environment; what the fakes recorded is cleared before each
 * test. Call inside a describe block, after useTestEnvironment.
 */
export function usePagesStack(env: TestEnvironment, options: PagesStackOptions): PagesStack {
  const twilio = new FakeTwilio();
  const smtp = new SmtpSink();
  let app: RunningApp | undefined;
  let origin: string | undefined;
  beforeAll(async () => {
    await Promise.all([twilio.start(), smtp.start()]);
    const port = options.passkeys ? await freePort() : undefined;
    const passkeys = port ? { WEBAUTHN_RP_ID: 'localhost', WEBAUTHN_ORIGINS: `http://localhost:${port}` } : {};
    [app] = await Promise.all([
      env.start(
        options.kind ?? 'standard',
        { ...passkeys, ...options.overrides },
        { pages: options.pages, controllers: options.controllers, port },
      ),
      env.start('worker', { ...twilioWorkerEnv(twilio.url), SMTP_URL: smtp.url, MAIL_FROM: 'Sitepass <no-reply@sitepass.test>' }),
    ]);
    origin = port ? `http://localhost:${port}` : app!.http.baseUrl;
  });
  beforeEach(() => {
    twilio.requests.splice(0);
    smtp.received.splice(0);
  });
  afterAll(() => Promise.all([twilio.close(), smtp.close()]));
  return {
    get app() {
      if (!app) throw new Error('usePagesStack() starts the app in beforeAll: use it inside a test');
      return app;
    },
    twilio,
    smtp,
    get origin() {
      if (!origin) throw new Error('usePagesStack() starts the app in beforeAll: use it inside a test');
      return origin;
    },
  };
}
