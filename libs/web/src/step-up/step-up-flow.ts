import { Injectable } from '@nestjs/common';
import { KeyedHasher } from '@sitepass/common';
import { HOST_COOKIE_OPTIONS } from '@sitepass/http';
import type { Request, Response } from 'express';
import { HandOffTarget } from '../flow/page-flow';
import { SignedCookie } from '../flow/signed-cookie';

/** A step-up on the page (WEB-6): the operation, where it returns to, and the open challenge. */
export interface StepUpFlowState extends Required<Pick<HandOffTarget, 'returnTo' | 'codeChallenge'>> {
  operation: string;
  state?: string;
  challengeId?: string;
}

/** As long as a challenge may be answered (10 minutes). */
const STEP_UP_COOKIE_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * The step-up page's state between its requests, in a signed `__Host-` cookie of its own (SameSite=Lax): a
 * sign-in flow that sent the person to sign in first keeps its own cookie, and neither overwrites the other.
 */
@Injectable()
export class StepUpFlows {
  private readonly cookie: SignedCookie<StepUpFlowState>;

  constructor(hasher: KeyedHasher) {
    this.cookie = new SignedCookie(hasher, '__Host-sitepass-pay-step-up', 'step-up-flow', {
      ...HOST_COOKIE_OPTIONS,
      maxAge: STEP_UP_COOKIE_MAX_AGE_MS,
    });
  }

  read(request: Request): StepUpFlowState | undefined {
    return this.cookie.read(request);
  }

  write(response: Response, state: StepUpFlowState): void {
    this.cookie.write(response, state);
  }

  clear(response: Response): void {
    this.cookie.clear(response);
  }
}

/** The page's own address for a step-up: where a person signed out by PAY-9 comes back to after signing in. */
export function stepUpPath(flow: StepUpFlowState): string {
  const query = new URLSearchParams({
    operation: flow.operation,
    return_to: flow.returnTo,
    code_challenge: flow.codeChallenge,
    code_challenge_method: 'S256',
    ...(flow.state !== undefined ? { state: flow.state } : {}),
  });
  return `/pay/step-up?${query.toString()}`;
}
