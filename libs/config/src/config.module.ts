import { DynamicModule, Global, Inject, Module } from '@nestjs/common';
import { SitepassConfig } from './config.types';

export const CONFIG = Symbol('SitepassConfig');

/** Injects the validated configuration; nothing else in the code base reads process.env. */
export const InjectConfig = (): ParameterDecorator => Inject(CONFIG);

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: SitepassConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: CONFIG, useValue: config }], exports: [CONFIG] };
  }
}
