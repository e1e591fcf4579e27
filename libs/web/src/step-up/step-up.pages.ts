import { Body, Controller, Get, Post, Query, Req, Res, Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  AuthorizationRules,
  Caller,
  ChallengeView,
  CODE_CHALLENGE,
  DomainError,
  HandOffService,
  isSmsPaused,
  MfaStepService,
  OperationAuthorizer,
  Principal,
  StepUpService,
} from '@sitepass/auth';
import { Clock } from '@sitepass/common';
import { MessageKey } from '@sitepass/i18n';
import { CurrentPrincipal } from '@sitepass/http';
import type { Request, Response } from 'express';
import { FieldErrors, notice } from '../forms';
import { field, Form } from '../form-input';
import { PageFlows } from '../flow/page-flow';
import { PageContext } from '../layout';
import { Pages } from '../page-context';
import { secondsUntil } from '../form-input';
import { codeErrorMessage, messageOf, resendAvailableAfter, skewOf, statusOf } from '../page-errors';
import { otherFactorsThan, otherWaysPage } from '../factors/sms-paused.views';
import { PageSessions } from '../session/page-session';
import { PasswordPages } from '../sign-in/password-pages';
import { requestOptionsOf } from '../sign-in/sign-in.views';
import { passkeyAnswer, unansweredPasskeyMessage } from '../factors/passkey-form';
import type { ClockSkew } from '../page-errors';
import { StepUpFlows, StepUpFlowState, stepUpPath } from './step-up-flow';
import { operationIntro, stepUpChoicePage, stepUpCodePage, stepUpPasskeyPage, stepUpRefusedPage } from './step-up.views';

const SIX_DIGITS = /^\d{6}$/;
/** The challenge is over: the person chooses (or is given) a new one. */
const CHALLENGE_ENDED = ['challenge_failed', 'challenge_expired', 'not_found'];

export interface StepUpPagesOptions {
  /** The operations that need a step-up (PAY-6), each with the catalog key of its words. */
  operations: Readonly<Record<string, MessageKey>>;
  /** Which roles may perform each operation (PAY-7): the page refuses before a factor is proven for nothing. */
  rules: AuthorizationRules['operations'];
}

/**
 * WEB-6: Pay's step-up page, `/pay/step-up?operation=…&return_to=…&code_challenge=…&code_challenge_method=S256&state=…`.
 * The gateway sends a person here on `401 step_up_required`. The page needs their Pay page session (without
 * one, the error filter sends them to /pay/signin with this address as `next`, and the sign-in comes back here);
 * they prove an allowed factor (PAY-3) through StepUpService, as the API's step-up does, and the page hands
 * the step-up to the product's back end with WEB-2's code, which `POST /v1/pay/step-ups/exchange` turns into a
 * step-up token of the back end's own session. PAY-9's failures count against the page session: the tenth
 * revokes it, and the page asks the person to sign in again.
 */
export function createStepUpPages(options: StepUpPagesOptions): Type<unknown> {
  @ApiExcludeController()
  @Controller('pay/step-up')
  class StepUpPages {
    constructor(
      private readonly pages: Pages,
      private readonly passwordPages: PasswordPages,
      private readonly flows: StepUpFlows,
      private readonly signInFlows: PageFlows,
      private readonly sessions: PageSessions,
      private readonly stepUps: StepUpService,
      private readonly mfa: MfaStepService,
      private readonly authorizer: OperationAuthorizer,
      private readonly handOff: HandOffService,
      private readonly clock: Clock,
    ) {}

    /** The gateway's link: checked whole (a clear 400 page otherwise), then the operation's roles, then the factor. */
    @Get()
    async showStepUp(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentPrincipal() principal: Principal,
      @Query() query: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const operation = field(query, 'operation');
      const returnTo = field(query, 'return_to');
      const codeChallenge = field(query, 'code_challenge');
      const valid =
        Object.hasOwn(options.operations, operation) &&
        this.handOff.allowsReturnTo(returnTo) &&
        field(query, 'code_challenge_method') === 'S256' &&
        CODE_CHALLENGE.test(codeChallenge);
      if (!valid) return this.refuse(response, context, context.t('page.step_up.bad_link'), 400);
      try {
        await this.authorizer.assertPermitted(principal, operation, options.rules);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return this.refuse(response, context, messageOf(context, error), statusOf(error));
      }
      const previous = this.flows.read(request);
      const flow: StepUpFlowState = { operation, returnTo, codeChallenge, state: field(query, 'state').slice(0, 512) || undefined };
      // A reload keeps the challenge it opened for the same operation.
      if (previous?.operation === operation) flow.challengeId = previous.challengeId;
      this.flows.write(response, flow);
      await this.showStep(response, context, principal, flow, { choose: query.choose !== undefined });
    }

    @Get('verify')
    async showVerify(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentPrincipal() principal: Principal,
      @Query() query: Form,
    ): Promise<void> {
      const open = await this.inProgress(request, response);
      if (open) await this.showStep(response, open.context, principal, open.flow, { choose: query.choose !== undefined });
    }

    /** LOGIN-3 for a step-up: the chosen factor's challenge, bound to the operation (PAY-6); SMS sends its code. */
    @Post('start')
    async startChallenge(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentPrincipal() principal: Principal,
      @Body() form: Form,
    ): Promise<void> {
      const open = await this.inProgress(request, response);
      if (!open) return;
      const { context, flow } = open;
      try {
        const started = await this.stepUps.startStepUp(principal, flow.operation, field(form, 'factorId'));
        this.flows.write(response, { ...flow, challengeId: started.challengeId });
        response.redirect(303, '/pay/step-up/verify');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (isSmsPaused(error)) return this.offerOtherWays(response, context, principal, flow, error);
        const errors = { factorId: messageOf(context, error) };
        await this.showStep(response, context, principal, flow, { choose: true, errors, status: statusOf(error) });
      }
    }

    /** PAY-6: the code, verified by StepUpService against the page session. */
    @Post('verify')
    async submitCode(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentPrincipal() principal: Principal,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      if (!flow?.challengeId) return response.redirect(303, '/pay/step-up/verify');
      const code = field(form, 'code').replace(/\s/g, '');
      if (!SIX_DIGITS.test(code)) {
        const errors = { code: context.t('page.verify.code.required') };
        return this.showStep(response, context, principal, flow, { errors, status: 400 });
      }
      try {
        await this.stepUps.verifyStepUp(principal, flow.challengeId, { code });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return this.refuseCode(request, response, context, { principal, flow }, error);
      }
      await this.handBack(response, principal, flow);
    }

    /** PASSKEY-4: the passkey's answer to the step-up's challenge, verified as a code is (PAY-6, PAY-9). */
    @Post('passkey')
    async submitPasskey(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentPrincipal() principal: Principal,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      if (!flow?.challengeId || field(form, 'challengeId') !== flow.challengeId) return response.redirect(303, '/pay/step-up/verify');
      const answer = passkeyAnswer(form);
      if (!answer) {
        return this.showStep(response, context, principal, flow, {
          errors: { code: unansweredPasskeyMessage(context, form) },
          status: 400,
        });
      }
      try {
        await this.stepUps.verifyStepUp(principal, flow.challengeId, { credential: answer });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return this.refuseCode(request, response, context, { principal, flow }, error);
      }
      await this.handBack(response, principal, flow);
    }

    /** SMS-2, SMS-5: a new code for the step-up's SMS challenge. */
    @Post('resend')
    async resendCode(@Req() request: Request, @Res() response: Response, @CurrentPrincipal() principal: Principal): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      if (!flow?.challengeId) return response.redirect(303, '/pay/step-up/verify');
      try {
        await this.mfa.resendChallenge(sessionCaller(principal), flow.challengeId);
        response.redirect(303, '/pay/step-up/verify');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (isSmsPaused(error)) return this.offerOtherWays(response, context, principal, flow, error);
        if (error.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(error.retryAfterSeconds));
        const errors = { code: messageOf(context, error) };
        await this.showStep(response, context, principal, flow, { errors, status: statusOf(error), refusal: error });
      }
    }

    private context(request: Request, response: Response): Promise<PageContext> {
      return this.pages.context(request, response, '/pay', true);
    }

    /**
     * The step-up is proven: back to the product's back end with WEB-2's code. The step-up token StepUpService
     * granted the page session is never used (it lapses in 5 minutes): the back end's own session gets one
     * through the code.
     */
    private async handBack(response: Response, principal: Principal, flow: StepUpFlowState): Promise<void> {
      this.flows.clear(response);
      const assurance = { acr: principal.acr, amr: principal.amr, mfaTime: this.clock.now() };
      const grant = {
        kind: 'step_up' as const,
        userId: principal.userId,
        audience: principal.audience,
        assurance,
        operation: flow.operation,
      };
      response.redirect(303, await this.handOff.issue(grant, { returnTo: flow.returnTo, codeChallenge: flow.codeChallenge }, flow.state));
    }

    /** The page's context and the step-up in progress; without one (its cookie expired), the bad-link page answers. */
    private async inProgress(request: Request, response: Response): Promise<{ context: PageContext; flow: StepUpFlowState } | undefined> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      if (flow) return { context, flow };
      this.refuse(response, context, context.t('page.step_up.bad_link'), 400);
      return undefined;
    }

    /** A step-up that cannot go on: the reason, with its status. */
    private refuse(response: Response, context: PageContext, message: string, status: number): void {
      this.pages.send(response, context, stepUpRefusedPage(context, message), status);
    }

    /**
     * The step the person is at: the open challenge's code field; else, with one authenticator app, a new
     * challenge for it at once (nothing is sent); else the factors to choose from.
     */
    private async showStep(
      response: Response,
      context: PageContext,
      principal: Principal,
      flow: StepUpFlowState,
      shown: { choose?: boolean; errors?: FieldErrors; status?: number; skew?: ClockSkew; refusal?: DomainError },
    ): Promise<void> {
      const factors = await this.stepUps.factorsFor(principal);
      if (factors.length === 0) {
        return this.refuse(response, context, context.t('page.step_up.no_factor'), 403);
      }
      const operation = context.t(options.operations[flow.operation]!);
      const now = this.clock.now().getTime();
      const isOpen = (challenge: ChallengeView | null): challenge is ChallengeView =>
        challenge?.status === 'pending' && Date.parse(challenge.expiresAt) > now;
      let open =
        flow.challengeId && !shown.choose
          ? await this.mfa.describeChallenge(sessionCaller(principal), flow.challengeId).catch(() => null)
          : null;
      // A factor that sends nothing (an app, a passkey) is asked for at once when it is the only one.
      if (!isOpen(open) && !shown.choose && factors.length === 1 && factors[0]!.type !== 'sms') {
        open = await this.stepUps.startStepUp(principal, flow.operation, factors[0]!.id);
        this.flows.write(response, { ...flow, challengeId: open.challengeId });
      }
      if (!isOpen(open)) {
        const errors = shown.errors?.code ? { factorId: shown.errors.code } : shown.errors;
        return this.pages.send(response, context, stepUpChoicePage(context, { operation, factors, errors }), shown.status);
      }
      const factorType = open.factorType;
      if (factorType === 'webauthn') {
        const passkeyView = { operation, challengeId: open.challengeId, options: requestOptionsOf(open), otherMethods: factors.length > 1 };
        return this.pages.send(response, context, stepUpPasskeyPage(context, { ...passkeyView, error: shown.errors?.code }), shown.status);
      }
      const view = stepUpCodePage(context, {
        operation,
        factor: factors.find((candidate) => candidate.type === factorType) ?? { id: '', type: factorType },
        expiresInSeconds: secondsUntil(open.expiresAt, now),
        resendWaitSeconds:
          factorType === 'sms'
            ? secondsUntil(shown.refusal ? resendAvailableAfter(open.resendAvailableAt, shown.refusal, now) : open.resendAvailableAt, now)
            : undefined,
        otherMethods: factors.length > 1,
        errors: shown.errors,
        skew: shown.skew,
      });
      this.pages.send(response, context, view, shown.status);
    }

    /** SMS-10: texts to the person's number are paused; their other factors for this step-up are offered instead. */
    private async offerOtherWays(
      response: Response,
      context: PageContext,
      principal: Principal,
      flow: StepUpFlowState,
      error: DomainError,
    ): Promise<void> {
      const page = otherWaysPage(context, error, {
        heading: context.t('page.step_up.title'),
        intro: operationIntro(context, context.t(options.operations[flow.operation]!)),
        sectionTitle: context.t('page.sms_paused.other_ways.verify'),
        factors: otherFactorsThan(error, await this.stepUps.factorsFor(principal)),
        action: '/pay/step-up/start',
      });
      this.pages.refuse(response, context, page, error);
    }

    /** A code refused: beside the field; a challenge that ended starts over; PAY-9's revoked session signs the person out. */
    private async refuseCode(
      request: Request,
      response: Response,
      context: PageContext,
      { principal, flow }: { principal: Principal; flow: StepUpFlowState },
      error: DomainError,
    ): Promise<void> {
      const status = statusOf(error);
      if (error.code === 'session_revoked') {
        this.sessions.end(response);
        this.flows.clear(response);
        this.signInFlows.write(response, { next: stepUpPath(flow) });
        const signIn = await this.pages.context(request, response, '/pay');
        const page = await this.passwordPages.render(signIn, { message: notice(messageOf(signIn, error), 'error') });
        return this.pages.send(response, signIn, page, status);
      }
      if (CHALLENGE_ENDED.includes(error.code)) {
        const fresh = { ...flow, challengeId: undefined };
        this.flows.write(response, fresh);
        return this.showStep(response, context, principal, fresh, { errors: { code: messageOf(context, error) }, status });
      }
      const skew = skewOf(error);
      const message = codeErrorMessage(context, error);
      await this.showStep(response, context, principal, flow, { errors: skew ? {} : { code: message }, skew, status });
    }
  }
  return StepUpPages;
}

/** The page session as the caller of the MFA step's challenge views (describe, resend): its own challenges only (SEC-3). */
function sessionCaller(principal: Principal): Caller {
  return { kind: 'session', userId: principal.userId, principal };
}
