import { DynamicModule, INestApplication, LoggerService, Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Clock, JsonLogger, warnAboutDevelopmentSecrets } from '@sitepass/common';
import { SitepassConfig } from '@sitepass/config';
import { configureHttpApp, PagesOptions } from '@sitepass/http';
import Redis from 'ioredis';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { PAY_PAGES, PayMfaModule } from '../../apps/pay-mfa/src/pay-mfa.module';
import { STANDARD_PAGES, StandardMfaModule } from '../../apps/standard-mfa/src/standard-mfa.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { FakeClock } from './fake-clock';
import { HttpClient } from './http-client';
import { EnvOverrides, testConfig, testRedisPrefix } from './test-config';
import { truncateAll } from './test-database';

export type AppKind = 'standard' | 'pay' | 'worker';

export interface RunningApp {
  kind: AppKind;
  readonly closed: boolean;
  config: SitepassConfig;
  http: HttpClient;
  get<T>(token: Type<T> | string | symbol): T;
  close(): Promise<void>;
}

const MODULES: Record<AppKind, (config: SitepassConfig) => DynamicModule> = {
  standard: (config) => StandardMfaModule.forRoot(config),
  pay: (config) => PayMfaModule.forRoot(config),
  worker: (config) => WorkerModule.forRoot(config),
};

/** Boots a real app, as main.ts does, on a free port, with the test's clock in place of the system's. */
export interface StartOptions {
  /** Where the app's log lines go; by default only errors, to the console. */
  logger?: LoggerService;
  /** Where the app keeps development secrets when the overrides unset the test's own. */
  devSecretsDirectory?: string;
  /** The pages variant of the edge; the app's own pages, as in main.ts, unless given. */
  pages?: PagesOptions;
  /** Test-only controllers mounted beside the app's own, to reach the edge where no product route does yet. */
  controllers?: Type<unknown>[];
  /** The port to listen on, when the configuration must name it beforehand (WEBAUTHN_ORIGINS); a free one otherwise. */
  port?: number;
}

export async function startApp(kind: AppKind, clock: Clock, overrides: EnvOverrides = {}, options: StartOptions = {}): Promise<RunningApp> {
  const config = testConfig(overrides, { devSecretsDirectory: options.devSecretsDirectory });
  const moduleRef = await Test.createTestingModule({ imports: [MODULES[kind](config)], controllers: options.controllers ?? [] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const logger = options.logger ?? new JsonLogger('error');
  warnAboutDevelopmentSecrets(config, logger);
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger });
  if (kind === 'worker') app.enableShutdownHooks();
  else
    configureHttpApp(
      app,
      config,
      { title: kind, description: 'test' },
      { pages: options.pages ?? (kind === 'pay' ? PAY_PAGES : STANDARD_PAGES) },
    );
  await app.listen(options.port ?? 0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return running(kind, config, app, new HttpClient(`http://127.0.0.1:${port}`));
}

function running(kind: AppKind, config: SitepassConfig, app: INestApplication, http: HttpClient): RunningApp {
  let closing: Promise<void> | undefined;
  return {
    kind,
    config,
    http,
    get closed() {
      return closing !== undefined;
    },
    get: (token) => app.get(token, { strict: false }),
    close: () => (closing ??= app.close()),
  };
}

/**
 * What an end-to-end test file works against: real apps on real sockets, this worker's PostgreSQL
 * database and Redis prefix, and one fake clock shared by every app the file starts.
 */
/** ARGV[1]: a key pattern. Deletes the matching keys inside one script, so nothing runs in between. */
const FLUSH_PREFIX = `
local keys = redis.call('KEYS', ARGV[1])
for i = 1, #keys, 1000 do
  redis.call('DEL', unpack(keys, i, math.min(i + 999, #keys)))
end
return #keys`;

export class TestEnvironment {
  readonly clock = new FakeClock();
  readonly db = new Client({ connectionString: testConfig().databaseUrl });
  readonly redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
  private readonly apps: RunningApp[] = [];
  private readonly defaults = new Map<AppKind, Promise<RunningApp>>();
  /** Apps a test started itself: closed when that test ends, so none of them outlives its test. */
  private testScoped: RunningApp[] | null = null;

  /** The file's shared instance of an app, started on first use (and again if a test closed it). */
  async app(kind: AppKind): Promise<RunningApp> {
    const existing = this.defaults.get(kind);
    if (existing && !(await existing).closed) return existing;
    const started = startApp(kind, this.clock).then((app) => {
      this.apps.push(app);
      return app;
    });
    this.defaults.set(kind, started);
    return started;
  }

  standard(): Promise<RunningApp> {
    return this.app('standard');
  }

  pay(): Promise<RunningApp> {
    return this.app('pay');
  }

  worker(): Promise<RunningApp> {
    return this.app('worker');
  }

  /** Another instance, with its own configuration if given; closed with the environment. */
  async start(kind: AppKind, overrides: EnvOverrides = {}, options: StartOptions = {}): Promise<RunningApp> {
    const app = await startApp(kind, this.clock, overrides, options);
    (this.testScoped ?? this.apps).push(app);
    return app;
  }

  async open(): Promise<void> {
    await Promise.all([this.db.connect(), this.redis.connect()]);
  }

  /** A clean slate between tests: empty tables, no keys under this run's prefix, the clock at its start. */
  async reset(): Promise<void> {
    await truncateAll(this.db);
    await this.flushRedis();
    this.clock.set('2026-03-02T09:00:00.000Z');
    this.testScoped = [];
  }

  async endTest(): Promise<void> {
    const started = this.testScoped ?? [];
    this.testScoped = null;
    await Promise.all(started.map((app) => app.close()));
  }

  /**
   * Deletes every key of this run in one atomic step, as Redis losing its data does: a KEYS then a DEL
   * would let an app write a key in between (a revocation set marked complete after its keys were gone).
   */
  async flushRedis(): Promise<void> {
    await this.redis.eval(FLUSH_PREFIX, 0, `${testRedisPrefix()}*`);
  }

  async close(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.close()));
    await Promise.all([this.db.end(), this.redis.quit()]);
  }
}

/** Registers the hooks that give each test of a file a clean environment. */
export function useTestEnvironment(): TestEnvironment {
  const environment = new TestEnvironment();
  beforeAll(() => environment.open());
  beforeEach(() => environment.reset());
  afterEach(() => environment.endTest());
  afterAll(() => environment.close());
  return environment;
}
