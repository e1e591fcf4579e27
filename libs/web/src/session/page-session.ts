import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { DomainError, IssuedTokens, PRODUCT_POLICY, ProductPolicy, SignInService } from '@sitepass/auth';
import { Clock, epochSeconds } from '@sitepass/common';
import { cookiesOf, HOST_COOKIE_OPTIONS, isPagesRequest, MFA_TOKEN_COOKIE, pageSessionCookies, replaceRequestCookie } from '@sitepass/http';
import type { NextFunction, Request, Response } from 'express';

/** A page session's cookies outlive its access token: the refresh token keeps it for the session's 30 days (SES-4). */
const REFRESH_COOKIE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** Refresh a little before the access token expires, so a page that loads just then still has one. */
const EARLY_REFRESH_SECONDS = 30;

/**
 * The browser's session with Sitepass's own pages (WEB-4, WEB-5): the access and refresh tokens of a session
 * of this product, in `__Host-` cookies (HttpOnly, Secure, SameSite=Lax, WEB-7). Page requests authenticate
 * with the access token's cookie through the same guard as the API's bearer tokens; this middleware renews an
 * expiring one with the refresh token first (SES-4 rotation, SES-5's re-authentication rules included).
 */
@Injectable()
export class PageSessions implements NestMiddleware {
  private readonly cookies: { access: string; refresh: string };

  constructor(
    @Inject(PRODUCT_POLICY) policy: ProductPolicy,
    private readonly signIn: SignInService,
    private readonly clock: Clock,
  ) {
    this.cookies = pageSessionCookies(policy.audience);
  }

  /** After a sign-in on the pages: the session's tokens into its cookies; the sign-in's mfaToken cookie goes. */
  start(response: Response, tokens: Pick<IssuedTokens, 'accessToken' | 'refreshToken'>): void {
    response.cookie(this.cookies.access, tokens.accessToken, HOST_COOKIE_OPTIONS);
    response.cookie(this.cookies.refresh, tokens.refreshToken, { ...HOST_COOKIE_OPTIONS, maxAge: REFRESH_COOKIE_MAX_AGE_MS });
    response.clearCookie(MFA_TOKEN_COOKIE, HOST_COOKIE_OPTIONS);
  }

  /** A re-check of MFA inside the session (POL-8) issued a new access token with the new `mfa_time`: the page session carries it. */
  renewAccess(response: Response, accessToken: string): void {
    response.cookie(this.cookies.access, accessToken, HOST_COOKIE_OPTIONS);
  }

  /** Sign-out: the browser forgets the session (the caller revokes it). */
  end(response: Response): void {
    response.clearCookie(this.cookies.access, HOST_COOKIE_OPTIONS);
    response.clearCookie(this.cookies.refresh, HOST_COOKIE_OPTIONS);
  }

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    if (!isPagesRequest(request)) return next();
    const held = cookiesOf(request);
    const refreshToken = held.get(this.cookies.refresh);
    if (!refreshToken || !this.expiresSoon(held.get(this.cookies.access))) return next();
    try {
      // Two tabs renewing at the same instant present the same refresh token: the second is a reuse (SES-4),
      // which revokes the session, and the person signs in again. Rare, and the safe side of SES-4.
      const tokens = await this.signIn.refresh(refreshToken);
      this.start(response, tokens);
      replaceRequestCookie(request, this.cookies.access, tokens.accessToken);
    } catch (error) {
      if (!(error instanceof DomainError)) return next(error);
      // Revoked, expired or due for MFA again (SES-5): the page asks the person to sign in.
      this.end(response);
      replaceRequestCookie(request, this.cookies.access, undefined);
    }
    next();
  }

  /** Whether an access token (unverified: the guard verifies) is missing or expires within 30 seconds. */
  private expiresSoon(accessToken: string | undefined): boolean {
    const payload = accessToken?.split('.')[1];
    if (!payload) return true;
    try {
      const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
      return typeof exp !== 'number' || exp - EARLY_REFRESH_SECONDS <= epochSeconds(this.clock.now());
    } catch {
      return true;
    }
  }
}
