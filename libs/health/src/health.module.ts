import { Module } from '@nestjs/common';
import { GracefulShutdown } from './graceful-shutdown';
import { HealthController } from './health.controller';

/** Health, readiness and metrics endpoints, and the HTTP draining on shutdown; every process imports it. */
@Module({ controllers: [HealthController], providers: [GracefulShutdown] })
export class HealthModule {}
