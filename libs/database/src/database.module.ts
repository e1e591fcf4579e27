import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** PostgreSQL through TypeORM. The schema changes only through migrations (OPS-4): synchronize stays off. */
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
            autoLoadEntities: true,
            namingStrategy: new SnakeNamingStrategy(),
            synchronize: false,
            migrationsRun: false,
            // Idle connections stay open for minutes, not pg's default 10 s: after every lull the first
            // requests would otherwise wait for new backends with cold caches (PERF-1's tail).
            extra: { max: 20, connectionTimeoutMillis: 5000, idleTimeoutMillis: 300_000 },
          }),
        }),
      ],
    };
  }
}
