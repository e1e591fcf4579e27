import { Injectable } from '@nestjs/common';
import { csrfTokenFor, RequestLocales } from '@sitepass/http';
import type { Request, Response } from 'express';
import { renderPage, PageContext, PageContent } from './layout';
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
}

/** Where a redirect may go after signing in: a path of this site, never another origin (`//host`, `/\\host`). */
export function localPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : undefined;
}

/** Whole seconds from `now` (epoch ms) until an ISO instant, never below zero: a countdown's start (SMS-5). */
export function secondsUntil(instant: string | undefined, now: number): number {
  return instant ? Math.max(0, Math.ceil((Date.parse(instant) - now) / 1000)) : 0;
}
