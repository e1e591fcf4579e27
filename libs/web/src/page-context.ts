import { Injectable } from '@nestjs/common';
import { DomainError } from '@sitepass/auth';
import { csrfTokenFor, RequestLocales } from '@sitepass/http';
import type { Request, Response } from 'express';
import { renderPage, PageContext, PageContent } from './layout';
import { statusOf } from './page-errors';
import { textsIn } from './texts';

/**
 * Builds a page's context and sends pages: one place for the language (the signed-in user's saved locale,
 * else Accept-Language, else English: I18N-2), the CSRF token (WEB-7) and the HTML answer.
 */
@Injectable()
export class Pages {
  constructor(private readonly locales: RequestLocales) {}

  async context(request: Request, response: Response, base: string, signedIn = false): Promise<PageContext> {
    const locale = await this.locales.of(request);
    return { locale, t: textsIn(locale), csrfToken: csrfTokenFor(request, response), base, signedIn };
  }

  send(response: Response, context: PageContext, content: PageContent, status = 200): void {
    response.status(status).setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Language', context.locale);
    response.send(renderPage(context, content).value);
  }

  /** A page that shows why the core refused a form: the API's status for that error, and its Retry-After (SMS-5, SEC-5). */
  refuse(response: Response, context: PageContext, content: PageContent, error: DomainError): void {
    if (error.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    this.send(response, context, content, statusOf(error));
  }
}

/** Where a redirect may go after signing in: a path of this site, never another origin (`//host`, `/\\host`). */
export function localPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : undefined;
}
