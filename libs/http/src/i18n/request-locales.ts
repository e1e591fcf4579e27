import { Injectable, Logger } from '@nestjs/common';
import { Caller } from '@sitepass/auth';
import { UserRepository } from '@sitepass/database';
import { chooseLocale, Locale } from '@sitepass/i18n';
import type { Request } from 'express';

const CHOSEN = Symbol('locale');

type LocalizedRequest = Request & { caller?: Caller; [CHOSEN]?: Promise<Locale> };

/**
 * I18N-2: the language of an answer is the caller's saved locale when the request is authenticated as a user
 * (an access token or the mfaToken of a sign-in), else its Accept-Language, else English. A request that names
 * an email without authenticating (a password sign-in) never gets that user's locale: it would say that the
 * account exists (ABUSE-13). Chosen once per request, and only when something is worded: an error, a page.
 */
@Injectable()
export class RequestLocales {
  private readonly logger = new Logger('RequestLocales');

  constructor(private readonly users: UserRepository) {}

  of(request: Request): Promise<Locale> {
    const localized = request as LocalizedRequest;
    return (localized[CHOSEN] ??= this.choose(localized));
  }

  /** The language the request itself asks for (or the one already chosen), without reading the database. */
  ofHeaders(request: Request): Promise<Locale> {
    const localized = request as LocalizedRequest;
    return localized[CHOSEN] ?? Promise.resolve(chooseLocale(null, request.header('accept-language')));
  }

  private async choose(request: LocalizedRequest): Promise<Locale> {
    return chooseLocale(await this.savedLocaleOf(request.caller?.userId), request.header('accept-language'));
  }

  /** A failed lookup (the database is down, and that is the error being answered) falls back to the header. */
  private async savedLocaleOf(userId: string | undefined): Promise<Locale | null> {
    if (!userId) return null;
    try {
      return await this.users.findLocale(userId);
    } catch (error) {
      this.logger.warn(`the saved locale could not be read: ${(error as Error).message}`);
      return null;
    }
  }
}
