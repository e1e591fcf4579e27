import { DynamicModule, Global, Module } from '@nestjs/common';
import { SitepassConfig } from './config.types';

/** The validated configuration, injected with `@Inject(CONFIG)`; nothing else in the code base reads process.env. */
export const CONFIG = Symbol('SitepassConfig');

/** Provides CONFIG to every module of a process (named apart from @nestjs/config's ConfigModule, which is not used). */
@Global()
@Module({})
export class SitepassConfigModule {
  static forRoot(config: SitepassConfig): DynamicModule {
    return { module: SitepassConfigModule, providers: [{ provide: CONFIG, useValue: config }], exports: [CONFIG] };
  }
}
