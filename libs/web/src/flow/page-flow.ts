import { Inject, Injectable } from '@nestjs/common';
import { FactorSummary, PRODUCT_POLICY, ProductPolicy } from '@sitepass/auth';
import { Audience } from '@sitepass/database';
import { KeyedHasher } from '@sitepass/common';
import { cookiesOf, HOST_COOKIE_OPTIONS } from '@sitepass/http';
import type { Request, Response } from 'express';

/** What a page flow remembers between its pages: where it returns to, and where the person is in it. */
export interface FlowState {
  /** WEB-2: the product's return URL and PKCE challenge, and the client's `state`, when a product started the flow. */
  returnTo?: string;
  codeChallenge?: string;
  state?: string;
  /** A local path to go to after signing in, when no product started the flow. */
  next?: string;
  /** The MFA step: the factors to choose from, the factor types that may be enrolled, the open challenge. */
  factors?: FactorSummary[];
  allowedFactorTypes?: string[];
  proofRequired?: boolean;
  recoveryCodeAvailable?: boolean;
  challengeId?: string;
  enrollmentId?: string;
}

const PURPOSE = 'page-flow';
/** A flow lasts as long as the mfaToken of its sign-in (LOGIN-1). */
const FLOW_COOKIE_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * The flow's state in a `__Host-` cookie of its product, as base64url JSON with an HMAC under HASH_PEPPER:
 * any instance reads it, nothing is stored server-side, and the browser cannot change where the flow
 * returns to. It holds no secret (the mfaToken has its own cookie); a tampered cookie reads as no flow.
 */
@Injectable()
export class PageFlows {
  private readonly cookie: string;

  constructor(
    @Inject(PRODUCT_POLICY) policy: ProductPolicy,
    private readonly hasher: KeyedHasher,
  ) {
    this.cookie = flowCookieName(policy.audience);
  }

  read(request: Request): FlowState {
    const value = cookiesOf(request).get(this.cookie);
    const dot = value?.lastIndexOf('.') ?? -1;
    if (!value || dot < 0) return {};
    const [encoded, mac] = [value.slice(0, dot), value.slice(dot + 1)];
    if (!this.hasher.matches(PURPOSE, encoded, mac)) return {};
    try {
      return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as FlowState;
    } catch {
      return {};
    }
  }

  write(response: Response, state: FlowState): void {
    const encoded = Buffer.from(JSON.stringify(state)).toString('base64url');
    response.cookie(this.cookie, `${encoded}.${this.hasher.hash(PURPOSE, encoded)}`, {
      ...HOST_COOKIE_OPTIONS,
      maxAge: FLOW_COOKIE_MAX_AGE_MS,
    });
  }

  update(request: Request, response: Response, changes: Partial<FlowState>): FlowState {
    const state = { ...this.read(request), ...changes };
    this.write(response, state);
    return state;
  }

  clear(response: Response): void {
    response.clearCookie(this.cookie, HOST_COOKIE_OPTIONS);
  }
}

function flowCookieName(audience: Audience): string {
  return `__Host-sitepass-${audience}-flow`;
}
