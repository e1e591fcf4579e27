import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

const DRAIN_LIMIT_MS = 10_000;

/**
 * OPS-3: on SIGTERM the HTTP server stops accepting connections and lets in-flight requests finish
 * before the database and Redis are closed. Nest closes its modules (TypeORM, Redis) before its HTTP
 * server, so the draining happens here, in the hook that runs first.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    await new Promise<void>((resolve) => {
      const started = Date.now();
      // Keep-alive connections go idle once their response is sent; close each as soon as it does.
      const sweeper = setInterval(() => {
        server.closeIdleConnections();
        if (Date.now() - started > DRAIN_LIMIT_MS) server.closeAllConnections();
      }, 25);
      server.close(() => {
        clearInterval(sweeper);
        resolve();
      });
      server.closeIdleConnections();
    });
  }
}
