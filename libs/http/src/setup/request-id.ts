import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;
const REQUEST_ID = Symbol('requestId');

type WithRequestId = Request & { [REQUEST_ID]?: string };

/** SEC-4: a well-formed X-Request-Id from the gateway is kept, anything else replaced; always echoed. */
export function assignRequestId(request: Request, response: Response, next: NextFunction): void {
  const incoming = request.header('x-request-id');
  const requestId = incoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
  (request as WithRequestId)[REQUEST_ID] = requestId;
  response.setHeader('X-Request-Id', requestId);
  next();
}

export function requestIdOf(request: Request): string {
  return (request as WithRequestId)[REQUEST_ID] ?? 'unknown';
}
