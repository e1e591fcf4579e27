import type { NextFunction, Request, Response } from 'express';

/** Where an app serves hosted pages (WEB-1…WEB-6); every other path is the JSON API. */
export interface PagesOptions {
  /** Path prefixes such as `/signin` and `/account`: a request at or under one is a pages request. */
  prefixes: readonly string[];
  /** Where a page that needs a signed-in person sends one who is not (with `?next=`); an error page otherwise. */
  signInPath?: string;
  /**
   * Paths (whole, in any case) whose POSTs come from another site by design and so cannot carry the CSRF token:
   * an OpenID provider's `form_post` answer (PAY-11). Only POST, only these exact paths; each handler must prove
   * the request belongs to the browser in another way (the sign-in's `state` against its cookie). Keep it short.
   */
  crossSitePosts?: readonly string[];
}

const PAGES = Symbol('pagesRequest');
const PREFIX = /^(\/[A-Za-z0-9._~-]+)+$/;

type Marked = Request & { [PAGES]?: PagesOptions };

/**
 * Marks the requests the pages variant of the edge serves, before any body is read: the body parsers, the CSRF
 * check, the error filter and the mfaToken guard all ask `isPagesRequest`, so one function draws the line.
 */
export function markPagesRequests(options: PagesOptions): (request: Request, response: Response, next: NextFunction) => void {
  const isPagesPath = pagesPathMatcher(options);
  return (request, _response, next) => {
    if (isPagesPath(request.path)) (request as Marked)[PAGES] = options;
    next();
  };
}

export function isPagesRequest(request: Request): boolean {
  return (request as Marked)[PAGES] !== undefined;
}

/** The options of the pages that serve this request; undefined for an API request. */
export function pagesOptionsOf(request: Request): PagesOptions | undefined {
  return (request as Marked)[PAGES];
}

/** Whether a path is at or under a pages prefix; case-insensitive as Express routes are (`/PAGES/x` reaches `/pages/x`). */
export function pagesPathMatcher(options: PagesOptions): (path: string) => boolean {
  const prefixes = options.prefixes.map((prefix) => {
    if (!PREFIX.test(prefix)) throw new Error(`Pages prefix "${prefix}" must be a path such as /pages, without a trailing slash`);
    return prefix.toLowerCase();
  });
  return (path) => {
    const lower = path.toLowerCase();
    return prefixes.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
  };
}
