import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { ReadReplica } from './read-replica';
import { ENTITIES, REPOSITORIES } from './tables';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * PostgreSQL through TypeORM, and the repositories that own the tables: every process imports it once and
 * gets every repository. The schema changes only through migrations (OPS-4): synchronize stays off.
 *
 * REL-4: with `DATABASE_READ_URL` set, TypeORM's replication gives the one data source two pools, the
 * primary's and the replica's. Every statement goes to the primary unless it is sent through `ReadReplica`
 * (`defaultMode: 'master'`: TypeORM's own default would send every read outside a transaction to the
 * replica). Each pool opens at most `DATABASE_POOL_SIZE` connections.
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
            ...(config.databaseReadUrl
              ? { replication: { master: { url: config.databaseUrl }, slaves: [{ url: config.databaseReadUrl }], defaultMode: 'master' } }
              : { url: config.databaseUrl }),
            entities: ENTITIES,
            namingStrategy: new SnakeNamingStrategy(),
            synchronize: false,
            migrationsRun: false,
            // Idle connections stay open for minutes, not pg's default 10 s: after every lull the first
            // requests would otherwise wait for new backends with cold caches (PERF-1's tail). A connection
            // (a new one, or a free one of a full pool) that takes longer than 1.5 s fails the query, so that
            // requests fail within 2 s while PostgreSQL is out of reach (REL-2).
            extra: { max: config.databasePoolSize, connectionTimeoutMillis: 1500, idleTimeoutMillis: 300_000 },
          }),
        }),
      ],
      providers: [...REPOSITORIES, ReadReplica],
      exports: [...REPOSITORIES, ReadReplica],
    };
  }
}
