import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Caller, ChallengeView, DomainError, FactorService, FactorSummary, MfaStepService, Principal } from '@sitepass/auth';
import { Clock } from '@sitepass/common';
import { CurrentCaller, CurrentPrincipal } from '@sitepass/http';
import type { Request, Response } from 'express';
import { Form, idField, secondsUntil, sixDigitCode } from '../form-input';
import { FieldErrors, notice } from '../forms';
import { PageContent, PageContext } from '../layout';
import { Pages } from '../page-context';
import { asDomainError, ClockSkew, codeErrorMessage, messageOf, skewOf } from '../page-errors';
import { PageSessions } from '../session/page-session';
import { chooseFactorPage, codePage } from '../sign-in/sign-in.views';
import { ACCOUNT, accountReturnPath, afterReverification } from './account-routes';

const VERIFY = `${ACCOUNT}/verify`;
/** The challenge cannot take another code: the person picks a factor again. */
const CHALLENGE_OVER = ['challenge_failed', 'challenge_expired', 'not_found'];

/** The challenge being proven and the account page to go back to, as the code form's URL carries them. */
function targetOf(query: Form): { challengeId?: string; returnTo: string } {
  return { challengeId: idField(query, 'challenge'), returnTo: accountReturnPath(query.return) };
}

function targetQuery(challengeId: string, returnTo: string): string {
  return `?challenge=${challengeId}&return=${encodeURIComponent(returnTo)}`;
}

function codePath(challengeId: string, returnTo: string): string {
  return `${VERIFY}/code${targetQuery(challengeId, returnTo)}`;
}

function choicePath(returnTo: string): string {
  return `${VERIFY}?return=${encodeURIComponent(returnTo)}`;
}

/**
 * POL-8 on the account page: a change of credentials needs an MFA check from the last 10 minutes. When the core
 * answers `reauthentication_required`, the page sends the person here with the form to come back to (`return`,
 * a path of the account page only): they choose a factor, prove it with the sign-in's code form (a challenge
 * with the access token, as `POST /v1/challenges` and `…/verify` do), and the session's new access token, with
 * its new `mfa_time`, goes into the page session. Plain forms throughout (WEB-9).
 */
@ApiExcludeController()
@Controller(VERIFY.slice(1))
export class ReverificationPages {
  constructor(
    private readonly pages: Pages,
    private readonly sessions: PageSessions,
    private readonly mfa: MfaStepService,
    private readonly factors: FactorService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async showChoice(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Query() query: Form,
  ): Promise<void> {
    const context = await this.context(request, response);
    this.pages.send(response, context, await this.choice(context, principal, accountReturnPath(query.return)));
  }

  /** LOGIN-3 inside a session: a challenge of the chosen factor (an SMS is sent now), then its code form. */
  @Post()
  async startChallenge(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @CurrentPrincipal() principal: Principal,
    @Body() form: Form,
  ): Promise<void> {
    const returnTo = accountReturnPath(form.return);
    const factorId = idField(form, 'factorId');
    if (!factorId) {
      const context = await this.context(request, response);
      const errors = { factorId: context.t('page.verify.choose.required') };
      return this.pages.send(response, context, await this.choice(context, principal, returnTo, errors), 400);
    }
    try {
      const started = await this.mfa.issueChallenge(caller, factorId);
      response.redirect(303, codePath(started.challengeId, returnTo));
    } catch (error) {
      const refusal = asDomainError(error);
      const context = await this.context(request, response);
      this.pages.refuse(
        response,
        context,
        await this.choice(context, principal, returnTo, { factorId: messageOf(context, refusal) }),
        refusal,
      );
    }
  }

  @Get('code')
  async showCode(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @CurrentPrincipal() principal: Principal,
    @Query() query: Form,
  ): Promise<void> {
    const { challengeId, returnTo } = targetOf(query);
    const open = challengeId ? await this.mfa.describeChallenge(caller, challengeId).catch(() => null) : null;
    if (!open || open.status !== 'pending' || Date.parse(open.expiresAt) <= this.clock.now().getTime()) {
      return response.redirect(303, choicePath(returnTo));
    }
    const context = await this.context(request, response);
    this.pages.send(response, context, await this.codeStep(context, principal, open, returnTo));
  }

  /** The code form posts to its own URL, which names the challenge and the way back. */
  @Post('code')
  async verifyCode(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @CurrentPrincipal() principal: Principal,
    @Query() query: Form,
    @Body() form: Form,
  ): Promise<void> {
    const { challengeId, returnTo } = targetOf(query);
    if (!challengeId) return response.redirect(303, choicePath(returnTo));
    const context = await this.context(request, response);
    const code = sixDigitCode(form);
    const again = { response, context, caller, principal, challengeId, returnTo };
    if (!code) return this.codeAgain(again, { errors: { code: context.t('page.verify.code.required') } });
    try {
      const verified = await this.mfa.verifyChallenge(caller, challengeId, { code });
      if (verified.status !== 'verified') throw new Error('a session challenge verified as a sign-in');
      this.sessions.renewAccess(response, verified.accessToken);
      response.redirect(303, afterReverification(returnTo));
    } catch (error) {
      const refusal = asDomainError(error);
      if (CHALLENGE_OVER.includes(refusal.code)) {
        const errors = { factorId: messageOf(context, refusal) };
        return this.pages.refuse(response, context, await this.choice(context, principal, returnTo, errors), refusal);
      }
      const skew = skewOf(refusal);
      await this.codeAgain(again, { errors: skew ? {} : { code: codeErrorMessage(context, refusal) }, skew, refusal });
    }
  }

  /** SMS-2, SMS-5: a new code, within the cooldown and quotas. */
  @Post('resend')
  async resendCode(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @CurrentPrincipal() principal: Principal,
    @Query() query: Form,
  ): Promise<void> {
    const { challengeId, returnTo } = targetOf(query);
    if (!challengeId) return response.redirect(303, choicePath(returnTo));
    try {
      await this.mfa.resendChallenge(caller, challengeId);
      response.redirect(303, codePath(challengeId, returnTo));
    } catch (error) {
      const refusal = asDomainError(error);
      const context = await this.context(request, response);
      const again = { response, context, caller, principal, challengeId, returnTo };
      await this.codeAgain(again, { errors: { code: messageOf(context, refusal) }, refusal });
    }
  }

  private context(request: Request, response: Response): Promise<PageContext> {
    return this.pages.context(request, response, '', true);
  }

  /** The code form again, with what was wrong: the core's refusal (its status), or a code that is not six digits (400). */
  private async codeAgain(
    again: { response: Response; context: PageContext; caller: Caller; principal: Principal; challengeId: string; returnTo: string },
    form: { errors: FieldErrors; skew?: ClockSkew; refusal?: DomainError },
  ): Promise<void> {
    const { response, context, caller, principal, challengeId, returnTo } = again;
    const open = await this.mfa.describeChallenge(caller, challengeId);
    const page = await this.codeStep(context, principal, open, returnTo, form.errors, form.skew);
    if (form.refusal) this.pages.refuse(response, context, page, form.refusal);
    else this.pages.send(response, context, page, 400);
  }

  /** The factors this product accepts from the user (LOGIN-3); the core refuses any other. */
  private async usableFactors(principal: Principal): Promise<FactorSummary[]> {
    const { factors, allowedFactorTypes } = await this.factors.overview(principal);
    return factors
      .filter((factor) => factor.status === 'active' && allowedFactorTypes.includes(factor.type))
      .map(({ id, type, maskedPhoneNumber }) => ({ id, type, ...(maskedPhoneNumber ? { maskedPhoneNumber } : {}) }));
  }

  private async choice(context: PageContext, principal: Principal, returnTo: string, errors: FieldErrors = {}): Promise<PageContent> {
    return chooseFactorPage(context, {
      factors: await this.usableFactors(principal),
      recoveryCodeAvailable: false,
      errors,
      action: VERIFY,
      hidden: { return: returnTo },
      intro: notice(context.t('page.account.reverify.intro')),
    });
  }

  private async codeStep(
    context: PageContext,
    principal: Principal,
    open: ChallengeView,
    returnTo: string,
    errors: FieldErrors = {},
    skew?: ClockSkew,
  ): Promise<PageContent> {
    const now = this.clock.now().getTime();
    // SMS-9: one phone per account, so the challenge's type names the number it went to.
    const factors = await this.usableFactors(principal);
    const factor = factors.find((candidate) => candidate.type === open.factorType);
    return codePage(context, {
      action: codePath(open.challengeId, returnTo),
      factor: factor ?? { id: '', type: open.factorType },
      expiresInSeconds: secondsUntil(open.expiresAt, now),
      resend:
        open.factorType === 'sms'
          ? { action: `${VERIFY}/resend${targetQuery(open.challengeId, returnTo)}`, waitSeconds: secondsUntil(open.resendAvailableAt, now) }
          : undefined,
      errors,
      skew,
      otherMethodsHref: factors.length > 1 ? choicePath(returnTo) : undefined,
    });
  }
}
