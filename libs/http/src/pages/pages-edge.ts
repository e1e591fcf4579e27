import { NestExpressApplication } from '@nestjs/platform-express';
import { KeyedHasher } from '@sitepass/common';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { CsrfProtection } from './csrf';
import { isPagesRequest } from './pages-request';

/**
 * What the pages variant of the edge adds for pages requests, between the JSON parser and the parser-error
 * handler: HTML form bodies (`application/x-www-form-urlencoded`, flat fields as `extended: false` gives them,
 * under the JSON body's limit) and the CSRF check of every unsafe method (WEB-7). Cookies are read on demand
 * (cookiesOf), HTML errors come from the error filter; an API request passes through untouched.
 */
export function usePagesEdge(app: NestExpressApplication, hasher: KeyedHasher, bodyLimit: string): void {
  app.useBodyParser('urlencoded', { limit: bodyLimit, extended: false, type: isPagesForm });
  const csrf = new CsrfProtection(hasher);
  app.use((request: Request, response: Response, next: NextFunction) =>
    isPagesRequest(request) ? csrf.check(request, response, next) : next(),
  );
}

function isPagesForm(request: IncomingMessage): boolean {
  return isPagesRequest(request as Request) && Boolean((request as Request).is('application/x-www-form-urlencoded'));
}
