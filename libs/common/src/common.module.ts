import { DynamicModule, Global, Module } from '@nestjs/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { Clock, SystemClock } from './clock/clock';
import { KeyedHasher } from './crypto/keyed-hasher';
import { SecretKeyring } from './crypto/secret-keyring';
import { Metrics } from './metrics/metrics';
import { RedisModule } from './redis/redis.module';

/** Process-wide services every app and the worker share: time, hashing, encryption, metrics, Redis. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(processName: string): DynamicModule {
    return {
      module: CommonModule,
      imports: [RedisModule],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: KeyedHasher, inject: [CONFIG], useFactory: (config: SitepassConfig) => new KeyedHasher(config.hashPepper) },
        {
          provide: SecretKeyring,
          inject: [CONFIG],
          useFactory: (config: SitepassConfig) => new SecretKeyring(config.encryptionKeys),
        },
        { provide: Metrics, useFactory: () => new Metrics(processName) },
      ],
      exports: [Clock, KeyedHasher, SecretKeyring, Metrics, RedisModule],
    };
  }
}
