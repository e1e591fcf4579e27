import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, Socket } from 'node:net';

/** REL-6: a process told to stop (SIGTERM) has exited within this long. */
export const SHUTDOWN_LIMIT_MS = 10_000;
/** How long in-flight requests (and the worker's jobs) may take to finish; the rest of the limit closes the connections. */
export const DRAIN_LIMIT_MS = 8_000;
/** How long a connection with no request in flight may still send one (it is answered 503) before it is closed. */
const IDLE_GRACE_MS = 1_000;
/** The longest the listener stays open after SIGTERM to take the connections queued before it. */
const BACKLOG_LIMIT_MS = 1_000;

interface Connection {
  /** Requests read and not yet answered in full. */
  inFlight: number;
  /** Whether it carried a request: an idle keep-alive connection, rather than one whose request is on its way. */
  served: boolean;
}

/**
 * OPS-3, REL-6: on SIGTERM the HTTP server stops accepting connections (new ones are refused) as soon as it
 * has taken those already queued, and lets the requests in flight finish, within DRAIN_LIMIT_MS, before the
 * database and Redis are closed.
 * Nest closes its modules (TypeORM, Redis) before its HTTP server, so the draining happens here, in the
 * hook that runs first.
 *
 * No connection is reset under a request: each answer in flight closes its connection when it is sent; an
 * idle keep-alive connection is closed (HTTP/1.1 clients expect that of an idle connection); one opened
 * before SIGTERM whose request has not arrived yet gets IDLE_GRACE_MS to send it, and the edge answers it
 * `503 service_unavailable` with `Connection: close` (`draining`), so that the client tries another instance.
 * A shutdown by a signal still not done after SHUTDOWN_LIMIT_MS ends the process with status 1.
 */
@Injectable()
export class GracefulShutdown implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly connections = new Map<Socket, Connection>();
  private readonly responses = new Set<ServerResponse>();
  private drainingSince: number | null = null;
  private accepted = 0;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Whether the process is stopping: requests that arrive now are refused with 503. */
  get draining(): boolean {
    return this.drainingSince !== null;
  }

  onApplicationBootstrap(): void {
    const server = this.server();
    if (!server) return;
    server.on('connection', (socket: Socket) => {
      this.accepted += 1;
      this.connections.set(socket, { inFlight: 0, served: false });
      socket.once('close', () => this.connections.delete(socket));
    });
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const connection = this.connections.get(request.socket);
      if (connection) {
        connection.inFlight += 1;
        connection.served = true;
      }
      this.responses.add(response);
      if (this.draining) response.shouldKeepAlive = false;
      response.once('close', () => {
        if (connection) connection.inFlight -= 1;
        this.responses.delete(response);
      });
    });
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (signal) this.exitIfStillRunningAfter(SHUTDOWN_LIMIT_MS, signal);
    this.drainingSince = Date.now();
    const server = this.server();
    if (!server?.listening) return;
    // Answers not yet begun close their connection once sent.
    for (const response of this.responses) if (!response.headersSent) response.shouldKeepAlive = false;
    await this.acceptQueuedConnections();
    await new Promise<void>((resolve) => {
      const started = Date.now();
      const sweeper = setInterval(() => {
        const elapsed = Date.now() - started;
        for (const [socket, connection] of this.connections) {
          if (connection.inFlight === 0 && (connection.served || elapsed >= IDLE_GRACE_MS)) socket.destroy();
        }
        if (elapsed > DRAIN_LIMIT_MS) server.closeAllConnections();
      }, 25);
      // net.Server's close: stop accepting, and call back once every connection has ended.
      NetServer.prototype.close.call(server, () => {
        clearInterval(sweeper);
        resolve();
      });
    });
  }

  /**
   * Connections the kernel completed before the listener closes would be reset by its closing, requests and
   * all. Node accepts one queued connection per turn of the event loop, so the listener stays open until
   * two turns in a row bring none (the first check may come before any poll), or BACKLOG_LIMIT_MS: their
   * requests are answered 503, not reset.
   */
  private async acceptQueuedConnections(): Promise<void> {
    const until = Date.now() + BACKLOG_LIMIT_MS;
    for (let idleTurns = 0; idleTurns < 2 && Date.now() < until;) {
      const accepted = this.accepted;
      await new Promise((resolve) => setImmediate(resolve));
      idleTurns = this.accepted === accepted ? idleTurns + 1 : 0;
    }
  }

  private exitIfStillRunningAfter(limitMs: number, signal: string): void {
    setTimeout(() => {
      this.logger.error(`Still stopping ${limitMs / 1000} s after ${signal}: exiting with what is left unfinished`);
      process.exit(1);
    }, limitMs).unref();
  }

  private server(): Server | undefined {
    return this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
  }
}
