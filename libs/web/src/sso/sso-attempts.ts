import { Injectable } from '@nestjs/common';
import { Clock, KeyedHasher, randomToken } from '@sitepass/common';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { FlowState } from '../flow/page-flow';
import { SignedCookie } from '../flow/signed-cookie';

/** What the sign-in flow must still know when the provider answers. */
export type SsoFlow = Pick<FlowState, 'returnTo' | 'codeChallenge' | 'state' | 'next'>;

/** One company sign-in in flight (PAY-11): what the provider's answer must match, and the flow it continues. */
export interface SsoAttempt {
  /** OAuth's `state`: the answer must carry it, so an answer this browser did not ask for is refused (login CSRF). */
  state: string;
  /** OpenID Connect's nonce: the ID token must carry it; FederatedSignInService spends it once, on every instance. */
  nonce: string;
  /** The email the person typed, to fill the form again when the sign-in fails. */
  email: string;
  /** Epoch milliseconds by the server's clock: the attempt lasts 10 minutes, whatever the browser keeps. */
  expiresAt: number;
  flow: SsoFlow;
}

const ATTEMPT_LIFETIME_MS = 10 * 60 * 1000;

/**
 * The company sign-in's state and nonce, kept in the browser between the redirect to the provider and its
 * answer, in a signed `__Host-` cookie (Secure, HttpOnly, no Domain, Path=/). It is SameSite=None, unlike every
 * other cookie of the pages: the provider answers with `response_mode=form_post`, a POST from the provider's
 * site to ours, and browsers send Lax (or Strict) cookies with a cross-site request only when it is a top-level
 * GET. So this cookie must travel cross-site; it is safe to: it is single use, it authenticates nothing by
 * itself, and only the callback, which compares it with the answer's `state`, reads it. For the same reason it
 * carries the flow's hand-off (the Lax flow cookie does not come with the provider's POST).
 */
@Injectable()
export class SsoAttempts {
  private readonly cookie: SignedCookie<SsoAttempt>;

  constructor(
    hasher: KeyedHasher,
    private readonly clock: Clock,
  ) {
    this.cookie = new SignedCookie(hasher, '__Host-sitepass-pay-sso', 'sso-attempt', {
      secure: true,
      httpOnly: true,
      sameSite: 'none',
      path: '/',
      maxAge: ATTEMPT_LIFETIME_MS,
    });
  }

  /** A new attempt, with a random state and nonce (256 bits each), replacing any earlier one of this browser. */
  start(response: Response, email: string, flow: SsoFlow): SsoAttempt {
    const attempt = {
      state: randomToken(),
      nonce: randomToken(),
      email,
      expiresAt: this.clock.now().getTime() + ATTEMPT_LIFETIME_MS,
      flow,
    };
    this.cookie.write(response, attempt);
    return attempt;
  }

  /** The browser's live attempt whose state is `state`, compared in constant time; undefined otherwise. */
  matching(request: Request, state: string): SsoAttempt | undefined {
    const attempt = this.cookie.read(request);
    if (!attempt || attempt.expiresAt <= this.clock.now().getTime()) return undefined;
    const [expected, given] = [Buffer.from(attempt.state), Buffer.from(state)];
    return expected.length === given.length && timingSafeEqual(expected, given) ? attempt : undefined;
  }

  /** The attempt is used up: an answer posted again finds nothing to match. */
  end(response: Response): void {
    this.cookie.clear(response);
  }
}
