import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { ENTITIES, REPOSITORIES } from './tables';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * PostgreSQL through TypeORM, and the repositories that own the tables: every process imports it once and
 * gets every repository. The schema changes only through migrations (OPS-4): synchronize stays off.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [CONFIG],
          useFactory: (config: SitepassConfig) => ({
            type: 'postgres',
            url: config.databaseUrl,
            entities: ENTITIES,
            namingStrategy: new SnakeNamingStrategy(),
            synchronize: false,
            migrationsRun: false,
            // Idle connections stay open for minutes, not pg's default 10 s: after every lull the first
            // requests would otherwise wait for new backends with cold caches (PERF-1's tail). A connection
            // (a new one, or a free one of a full pool) that takes longer than 1.5 s fails the query, so that
            // requests fail within 2 s while PostgreSQL is out of reach (REL-2).
            extra: { max: 20, connectionTimeoutMillis: 1500, idleTimeoutMillis: 300_000 },
          }),
        }),
      ],
      providers: REPOSITORIES,
      exports: REPOSITORIES,
    };
  }
}
