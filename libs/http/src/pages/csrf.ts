import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainError } from '@sitepass/auth';
import { KeyedHasher, randomToken } from '@sitepass/common';
import type { NextFunction, Request, Response } from 'express';
import { cookiesOf, HOST_COOKIE_OPTIONS } from './cookies';

export const CSRF_COOKIE = '__Host-sitepass-csrf';
/** The hidden form field a page's forms carry the token in; taken out of the body once checked. */
export const CSRF_FIELD = '_csrf';
/** For a page's script, if one ever posts without a form. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What randomToken() makes: 32 bytes in base64url. */
const WELL_FORMED_SECRET = /^[A-Za-z0-9_-]{43}$/;
const PURPOSE = 'csrf-token';
const PROTECTION = Symbol('csrfProtection');
const SECRET = Symbol('csrfSecret');

type CsrfRequest = Request & { [PROTECTION]?: CsrfProtection; [SECRET]?: string };

/**
 * WEB-7's CSRF protection, stateless (a signed double submit): the browser keeps a random `__Host-` cookie,
 * and each form carries the HMAC of that cookie under HASH_PEPPER (the keyed hasher, with a purpose of its
 * own). A cross-site form makes the browser send the cookie but can neither read it nor compute the HMAC,
 * and no subdomain can plant a `__Host-` cookie. Nothing is stored, so any instance checks any form.
 */
export class CsrfProtection {
  private readonly crossSitePosts: ReadonlySet<string>;

  /** `crossSitePosts`: PagesOptions' exact paths whose POSTs are exempt (their handlers check another proof). */
  constructor(
    private readonly hasher: KeyedHasher,
    crossSitePosts: readonly string[] = [],
  ) {
    this.crossSitePosts = new Set(crossSitePosts.map((path) => path.toLowerCase()));
  }

  /** Middleware for pages requests: safe methods pass; any other needs the token of the request's cookie. */
  readonly check = (request: Request, _response: Response, next: NextFunction): void => {
    (request as CsrfRequest)[PROTECTION] = this;
    if (SAFE_METHODS.has(request.method) || this.isCrossSitePost(request) || this.verify(request)) return next();
    next(DomainError.of('error.csrf_failed'));
  };

  /** A POST to one of the declared paths, exactly (a trailing slash or any other path is checked as usual). */
  private isCrossSitePost(request: Request): boolean {
    return request.method === 'POST' && this.crossSitePosts.has(request.path.toLowerCase());
  }

  /** Whether the submitted token is the HMAC of the cookie, compared in constant time; takes the field out of the body. */
  verify(request: Request): boolean {
    const secret = cookiesOf(request).get(CSRF_COOKIE);
    const token = takeSubmittedToken(request);
    return secret !== undefined && token !== undefined && this.hasher.matches(PURPOSE, secret, token);
  }

  /** The token for a page's forms; sets the cookie when the browser has none, or a malformed one. */
  tokenFor(request: Request, response: Response): string {
    const held = request as CsrfRequest;
    if (held[SECRET] === undefined) {
      const current = cookiesOf(request).get(CSRF_COOKIE);
      held[SECRET] = current !== undefined && WELL_FORMED_SECRET.test(current) ? current : randomToken();
      if (held[SECRET] !== current) response.cookie(CSRF_COOKIE, held[SECRET], HOST_COOKIE_OPTIONS);
    }
    return this.hasher.hash(PURPOSE, held[SECRET]);
  }
}

/** The CSRF token to put in a page's forms (as the `_csrf` field); for pages requests only. */
export function csrfTokenFor(request: Request, response: Response): string {
  const protection = (request as CsrfRequest)[PROTECTION];
  if (!protection) throw new Error('csrfTokenFor() serves pages requests only: this path is not under a pages prefix');
  return protection.tokenFor(request, response);
}

/** A page handler's parameter: the CSRF token for its forms (`@CsrfToken() csrfToken: string`). */
export const CsrfToken = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const http = context.switchToHttp();
  return csrfTokenFor(http.getRequest<Request>(), http.getResponse<Response>());
});

function takeSubmittedToken(request: Request): string | undefined {
  const body: unknown = request.body;
  if (typeof body === 'object' && body !== null && Object.hasOwn(body, CSRF_FIELD)) {
    const field = (body as Record<string, unknown>)[CSRF_FIELD];
    delete (body as Record<string, unknown>)[CSRF_FIELD];
    if (typeof field === 'string') return field;
  }
  return request.header(CSRF_HEADER);
}
