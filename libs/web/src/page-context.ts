import { Injectable } from '@nestjs/common';
import { csrfTokenFor } from '@sitepass/http';
import type { Request, Response } from 'express';
import { renderPage, PageContext, PageContent } from './layout';
import { textsFor } from './texts';

/** Builds a page's context and sends pages: one place for the language, the CSRF token and the HTML answer. */
@Injectable()
export class Pages {
  context(request: Request, response: Response, base: string, signedIn = false): PageContext {
    const locale = 'en';
    return { locale, t: textsFor(locale), csrfToken: csrfTokenFor(request, response), base, signedIn };
  }

  send(response: Response, context: PageContext, content: PageContent, status = 200): void {
    response.status(status).setHeader('Content-Type', 'text/html; charset=utf-8');
    response.send(renderPage(context, content).value);
  }
}

/** Where a redirect may go after signing in: a path of this site, never another origin (`//host`, `/\\host`). */
export function localPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : undefined;
}
