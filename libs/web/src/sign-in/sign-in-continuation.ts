import { Inject, Injectable } from '@nestjs/common';
import { Authenticated, DomainError, HandOffService, Principal, PRODUCT_POLICY, ProductPolicy, SignInResult } from '@sitepass/auth';
import { UserRepository } from '@sitepass/database';
import { HOST_COOKIE_OPTIONS, MFA_TOKEN_COOKIE } from '@sitepass/http';
import type { Request, Response } from 'express';
import { notice } from '../forms';
import { FlowState, PageFlows } from '../flow/page-flow';
import { PageContext } from '../layout';
import { Pages } from '../page-context';
import { messageOf, statusOf } from '../page-errors';
import { PageSessions } from '../session/page-session';
import { PasswordPages } from './password-pages';
import { recoveryCodePage } from './sign-in.views';

/** SES-6 on the pages: the device token of an MFA sign-in, kept 30 days in its own cookie (standard product only). */
export const DEVICE_COOKIE = '__Host-sitepass-device';
const DEVICE_COOKIE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
const MFA_COOKIE_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * What the hosted sign-in does once its first step is proven, whichever it was: a password (WEB-1) or the
 * company's identity provider (PAY-11). The answer of the core (LOGIN-1) decides: a session at once, the MFA
 * step, or an enrollment inside the sign-in; and at the end the hand-off to the product that started the flow
 * (WEB-2) or where the person was going. `base` is the product's page prefix: '' or '/pay'.
 */
@Injectable()
export class SignInContinuation {
  constructor(
    @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
    private readonly pages: Pages,
    private readonly passwordPages: PasswordPages,
    private readonly flows: PageFlows,
    private readonly sessions: PageSessions,
    private readonly handOff: HandOffService,
    private readonly users: UserRepository,
  ) {}

  /** LOGIN-1: `flow` is the flow the first step belongs to; the MFA step's pages find it in the flow cookie. */
  async afterFirstStep(request: Request, response: Response, base: string, result: SignInResult, flow: FlowState): Promise<void> {
    if (result.status === 'authenticated') return this.finish(request, response, base, result, flow);
    response.cookie(MFA_TOKEN_COOKIE, result.mfaToken, { ...HOST_COOKIE_OPTIONS, maxAge: MFA_COOKIE_MAX_AGE_MS });
    const fresh = { challengeId: undefined, enrollmentId: undefined };
    if (result.status === 'mfa_required') {
      this.flows.write(response, { ...flow, ...fresh, factors: result.factors, recoveryCodeAvailable: result.recoveryCodeAvailable });
      return response.redirect(303, `${base}/signin/verify`);
    }
    this.flows.write(response, {
      ...flow,
      ...fresh,
      allowedFactorTypes: result.allowedFactorTypes,
      proofRequired: result.proofRequired === true,
      factors: result.proofFactors ?? [],
      recoveryCodeAvailable: false,
    });
    response.redirect(303, `${base}/signin/enroll`);
  }

  /**
   * The sign-in is complete: the page session starts, a device may be trusted (SES-6), a new recovery code is
   * shown once (REC-2, REC-3); otherwise the flow ends at once.
   */
  async finish(request: Request, response: Response, base: string, result: Authenticated, flow: FlowState): Promise<void> {
    this.sessions.start(response, result);
    if (result.deviceToken)
      response.cookie(DEVICE_COOKIE, result.deviceToken, { ...HOST_COOKIE_OPTIONS, maxAge: DEVICE_COOKIE_MAX_AGE_MS });
    const principal = principalOf(result.accessToken);
    if (result.recoveryCode) {
      const user = (await this.users.findById(principal.userId))!;
      // One action on this page: saving the code. The site's links come after it.
      const context = await this.pages.context(request, response, base);
      const view = { code: result.recoveryCode, email: user.email, action: `${base}/signin/continue` };
      return this.pages.send(response, context, recoveryCodePage(context, view));
    }
    await this.endFlow(request, response, base, principal, flow);
  }

  /** WEB-2: back to the product with a code, or to where the person was going. */
  async endFlow(request: Request, response: Response, base: string, principal: Principal, flow = this.flows.read(request)): Promise<void> {
    this.flows.clear(response);
    if (flow.returnTo && flow.codeChallenge) {
      const assurance = { acr: principal.acr, amr: principal.amr, mfaTime: principal.mfaTime };
      const grant = { kind: 'session' as const, userId: principal.userId, audience: this.policy.audience, assurance };
      return response.redirect(
        303,
        await this.handOff.issue(grant, { returnTo: flow.returnTo, codeChallenge: flow.codeChallenge }, flow.state),
      );
    }
    response.redirect(303, flow.next ?? (base ? `${base}/signin/done` : '/account/security'));
  }

  /** The sign-in can no longer go on (too many codes, expired): back to the password with the reason. */
  async restart(request: Request, response: Response, context: PageContext, error: DomainError): Promise<void> {
    response.clearCookie(MFA_TOKEN_COOKIE, HOST_COOKIE_OPTIONS);
    this.flows.update(request, response, { challengeId: undefined, enrollmentId: undefined });
    const page = await this.passwordPages.render(context, { message: notice(messageOf(context, error), 'error') });
    this.pages.send(response, context, page, statusOf(error));
  }
}

/** The claims of an access token this process just issued (read, not verified: it never left the server). */
function principalOf(accessToken: string): Principal {
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return {
    userId: claims.sub as string,
    sessionId: claims.sid as string,
    audience: claims.aud as Principal['audience'],
    acr: claims.acr as Principal['acr'],
    amr: claims.amr as Principal['amr'],
    authTime: new Date((claims.auth_time as number) * 1000),
    mfaTime: typeof claims.mfa_time === 'number' ? new Date(claims.mfa_time * 1000) : null,
  };
}
