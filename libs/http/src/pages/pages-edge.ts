import { NestExpressApplication } from '@nestjs/platform-express';
import { KeyedHasher } from '@sitepass/common';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { CsrfProtection } from './csrf';
import { isPagesRequest, PagesOptions } from './pages-request';

/**
 * What the pages variant of the edge adds for pages requests, between the JSON parser and the parser-error
 * handler: HTML form bodies (`application/x-www-form-urlencoded`, flat fields as `extended: false` gives them,
 * under the JSON body's limit), the pages' Content-Security-Policy and the CSRF check of every unsafe method
 * (WEB-7). Cookies are read on demand (cookiesOf), HTML errors come from the error filter; an API request
 * passes through untouched.
 */
export function usePagesEdge(
  app: NestExpressApplication,
  hasher: KeyedHasher,
  bodyLimit: string,
  returnUrls: readonly string[],
  pages: PagesOptions,
): void {
  app.useBodyParser('urlencoded', { limit: bodyLimit, extended: false, type: isPagesForm });
  const csrf = new CsrfProtection(hasher, pages.crossSitePosts);
  const policy = pagesContentSecurityPolicy(returnUrls);
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!isPagesRequest(request)) return next();
    response.setHeader('Content-Security-Policy', policy);
    csrf.check(request, response, next);
  });
}

/**
 * WEB-7: no inline script or style, nothing from a third party, never framed. Scripts, styles and forms are
 * the site's own; images may be data: URLs (the QR code). A form's redirect is checked against form-action
 * too, so the hand-off's return URLs (WEB-2) are listed there, by origin.
 */
export function pagesContentSecurityPolicy(returnUrls: readonly string[]): string {
  const returnOrigins = [...new Set(returnUrls.map((url) => new URL(url).origin))];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    ['form-action', "'self'", ...returnOrigins].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function isPagesForm(request: IncomingMessage): boolean {
  return isPagesRequest(request as Request) && Boolean((request as Request).is('application/x-www-form-urlencoded'));
}
