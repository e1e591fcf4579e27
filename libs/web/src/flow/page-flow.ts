import { Inject, Injectable } from '@nestjs/common';
import { FactorSummary, PRODUCT_POLICY, ProductPolicy } from '@sitepass/auth';
import { Audience } from '@sitepass/database';
import { KeyedHasher } from '@sitepass/common';
import { HOST_COOKIE_OPTIONS } from '@sitepass/http';
import type { Request, Response } from 'express';
import { SignedCookie } from './signed-cookie';

/** WEB-2: where a flow a product started returns to, its PKCE challenge and the client's `state`. */
export interface HandOffTarget {
  returnTo?: string;
  codeChallenge?: string;
  state?: string;
}

/** What a page flow remembers between its pages: where it returns to, and where the person is in it. */
export interface FlowState extends HandOffTarget {
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
 * The flow's state in a `__Host-` cookie of its product, signed (SignedCookie): any instance reads it, and the
 * browser cannot change where the flow returns to. It holds no secret (the mfaToken has its own cookie); a
 * tampered cookie reads as no flow.
 */
@Injectable()
export class PageFlows {
  private readonly cookie: SignedCookie<FlowState>;

  constructor(@Inject(PRODUCT_POLICY) policy: ProductPolicy, hasher: KeyedHasher) {
    this.cookie = new SignedCookie(hasher, flowCookieName(policy.audience), PURPOSE, {
      ...HOST_COOKIE_OPTIONS,
      maxAge: FLOW_COOKIE_MAX_AGE_MS,
    });
  }

  read(request: Request): FlowState {
    return this.cookie.read(request) ?? {};
  }

  write(response: Response, state: FlowState): void {
    this.cookie.write(response, state);
  }

  update(request: Request, response: Response, changes: Partial<FlowState>): FlowState {
    const state = { ...this.read(request), ...changes };
    this.write(response, state);
    return state;
  }

  clear(response: Response): void {
    this.cookie.clear(response);
  }
}

function flowCookieName(audience: Audience): string {
  return `__Host-sitepass-${audience}-flow`;
}
