import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Caller, ChallengeView, DomainError, FactorService, FactorSummary, isSmsPaused, MfaStepService, Principal } from '@sitepass/auth';
import { Clock } from '@sitepass/common';
import { CurrentCaller, CurrentPrincipal } from '@sitepass/http';
import type { Request, Response } from 'express';
import { passkeyAnswer, unansweredPasskeyMessage } from '../factors/passkey-form';
import { Form, idField, secondsUntil, sixDigitCode } from '../form-input';
import { FieldErrors, notice } from '../forms';
import { PageContent, PageContext } from '../layout';
import { Pages } from '../page-context';
import { asDomainError, ClockSkew, codeErrorMessage, messageOf, resendAvailableAfter, skewOf } from '../page-errors';
import { otherFactorsThan, otherWaysPage } from '../factors/sms-paused.views';
import { PageSessions } from '../session/page-session';
import { chooseFactorPage, codePage } from '../sign-in/sign-in.views';
import { ACCOUNT, accountReturnPath, afterReverification } from './account-routes';
import { passkeyCheckPage } from './passkey.views';

const VERIFY = `${ACCOUNT}/verify`;
/** The challenge cannot take another code: the person picks a factor again. */
const CHALLENGE_OVER = ['challenge_failed', 'challenge_expired', 'not_found'];

/**
 * The challenge being proven and the account page to go back to, as the code form's URL carries them; and the
 * factor chosen, which names the passkey asked for when the user has several (the challenge itself is bound to it).
 */
interface Target {
  challengeId?: string;
  returnTo: string;
  factorId?: string;
}

function targetOf(query: Form): Target {
  return { challengeId: idField(query, 'challenge'), returnTo: accountReturnPath(query.return), factorId: idField(query, 'factor') };
}

function targetQuery(challengeId: string, returnTo: string): string {
  return `?challenge=${challengeId}&return=${encodeURIComponent(returnTo)}`;
}

function codePath(challengeId: string, returnTo: string, factorId?: string): string {
  return `${VERIFY}/code${targetQuery(challengeId, returnTo)}${factorId ? `&factor=${factorId}` : ''}`;
}

/** What the step's form sent: a code (an app, a text message) or a passkey's answer; or what is wrong with it. */
type Proof = { code: string } | { credential: Record<string, unknown> } | { errors: FieldErrors };

function proofOf(context: PageContext, form: Form): Proof {
  if (typeof form.credential !== 'string') {
    const code = sixDigitCode(form);
    return code ? { code } : { errors: { code: context.t('page.verify.code.required') } };
  }
  const credential = passkeyAnswer(form);
  return credential ? { credential } : { errors: { credential: unansweredPasskeyMessage(context, form) } };
}

function choicePath(returnTo: string): string {
  return `${VERIFY}?return=${encodeURIComponent(returnTo)}`;
}

/**
 * POL-8 on the account page: a change of credentials needs an MFA check from the last 10 minutes. When the core
 * answers `reauthentication_required`, the page sends the person here with the form to come back to (`return`,
 * a path of the account page only): they choose a factor, prove it with the sign-in's code form or a passkey's
 * ceremony (PASSKEY-3: a user whose only factor is a passkey changes things too), a challenge with the access
 * token as `POST /v1/challenges` and `…/verify` do, and the session's new access token, with its new `mfa_time`,
 * goes into the page session. Plain forms throughout (WEB-9), but for the passkey's ceremony, which needs script.
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
      response.redirect(303, codePath(started.challengeId, returnTo, factorId));
    } catch (error) {
      const refusal = asDomainError(error);
      const context = await this.context(request, response);
      const page = isSmsPaused(refusal)
        ? await this.otherWays(context, principal, returnTo, refusal)
        : await this.choice(context, principal, returnTo, { factorId: messageOf(context, refusal) });
      this.pages.refuse(response, context, page, refusal);
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
    const target = targetOf(query);
    const open = target.challengeId ? await this.mfa.describeChallenge(caller, target.challengeId).catch(() => null) : null;
    if (!open || open.status !== 'pending' || Date.parse(open.expiresAt) <= this.clock.now().getTime()) {
      return response.redirect(303, choicePath(target.returnTo));
    }
    const context = await this.context(request, response);
    this.pages.send(response, context, await this.codeStep(context, principal, open, target));
  }

  /** The code form, or the passkey's, posts to its own URL, which names the challenge and the way back. */
  @Post('code')
  async verifyCode(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @CurrentPrincipal() principal: Principal,
    @Query() query: Form,
    @Body() form: Form,
  ): Promise<void> {
    const { challengeId, returnTo, factorId } = targetOf(query);
    if (!challengeId) return response.redirect(303, choicePath(returnTo));
    const context = await this.context(request, response);
    const proof = proofOf(context, form);
    const again = { response, context, caller, principal, challengeId, returnTo, factorId };
    if ('errors' in proof) return this.codeAgain(again, { errors: proof.errors });
    try {
      const verified = await this.mfa.verifyChallenge(caller, challengeId, proof);
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
    const { challengeId, returnTo, factorId } = targetOf(query);
    if (!challengeId) return response.redirect(303, choicePath(returnTo));
    try {
      await this.mfa.resendChallenge(caller, challengeId);
      response.redirect(303, codePath(challengeId, returnTo, factorId));
    } catch (error) {
      const refusal = asDomainError(error);
      const context = await this.context(request, response);
      if (isSmsPaused(refusal))
        return this.pages.refuse(response, context, await this.otherWays(context, principal, returnTo, refusal), refusal);
      const again = { response, context, caller, principal, challengeId, returnTo, factorId };
      await this.codeAgain(again, { errors: { code: messageOf(context, refusal) }, refusal });
    }
  }

  private context(request: Request, response: Response): Promise<PageContext> {
    return this.pages.context(request, response, '', true);
  }

  /**
   * The code form (or the passkey's) again, with what was wrong: the core's refusal (its status), or a code that
   * is not six digits or no passkey answer (400).
   */
  private async codeAgain(
    again: { response: Response; context: PageContext; caller: Caller; principal: Principal; challengeId: string } & Target,
    form: { errors: FieldErrors; skew?: ClockSkew; refusal?: DomainError },
  ): Promise<void> {
    const { response, context, caller, principal, challengeId } = again;
    const open = await this.mfa.describeChallenge(caller, challengeId);
    if (form.refusal) open.resendAvailableAt = resendAvailableAfter(open.resendAvailableAt, form.refusal, this.clock.now().getTime());
    const page = await this.codeStep(context, principal, open, again, form.errors, form.skew);
    if (form.refusal) this.pages.refuse(response, context, page, form.refusal);
    else this.pages.send(response, context, page, 400);
  }

  /** The factors this product accepts from the user (LOGIN-3); the core refuses any other. */
  private async usableFactors(principal: Principal): Promise<FactorSummary[]> {
    const { factors, allowedFactorTypes } = await this.factors.overview(principal);
    return factors
      .filter((factor) => factor.status === 'active' && allowedFactorTypes.includes(factor.type))
      .map(({ id, type, maskedPhoneNumber, name }) => ({
        id,
        type,
        ...(maskedPhoneNumber ? { maskedPhoneNumber } : {}),
        ...(name ? { name } : {}),
      }));
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

  /** SMS-10: texts to the person's number are paused; their other factors are offered instead. */
  private async otherWays(context: PageContext, principal: Principal, returnTo: string, refusal: DomainError): Promise<PageContent> {
    return otherWaysPage(context, refusal, {
      heading: context.t('page.verify.title'),
      intro: notice(context.t('page.account.reverify.intro')),
      sectionTitle: context.t('page.sms_paused.other_ways.verify'),
      factors: otherFactorsThan(refusal, await this.usableFactors(principal)),
      action: VERIFY,
      hidden: { return: returnTo },
      backHref: ACCOUNT,
    });
  }

  /** The code form of the challenge, or its passkey ceremony when the challenge carries request options. */
  private async codeStep(
    context: PageContext,
    principal: Principal,
    open: ChallengeView,
    { returnTo, factorId }: Target,
    errors: FieldErrors = {},
    skew?: ClockSkew,
  ): Promise<PageContent> {
    const now = this.clock.now().getTime();
    // SMS-9: one phone per account, so the challenge's type names the number it went to; passkeys by the one chosen.
    const factors = await this.usableFactors(principal);
    const ofType = factors.filter((candidate) => candidate.type === open.factorType);
    const factor = ofType.find((candidate) => candidate.id === factorId) ?? ofType[0];
    const otherMethodsHref = factors.length > 1 ? choicePath(returnTo) : undefined;
    const action = codePath(open.challengeId, returnTo, ofType.length > 1 ? factor?.id : undefined);
    const passkey = open.webauthn as { publicKey: Record<string, unknown> } | undefined;
    if (passkey)
      return passkeyCheckPage(context, { action, name: factor?.name ?? '', options: passkey.publicKey, errors, otherMethodsHref });
    return codePage(context, {
      action,
      factor: factor ?? { id: '', type: open.factorType },
      expiresInSeconds: secondsUntil(open.expiresAt, now),
      resend:
        open.factorType === 'sms'
          ? { action: `${VERIFY}/resend${targetQuery(open.challengeId, returnTo)}`, waitSeconds: secondsUntil(open.resendAvailableAt, now) }
          : undefined,
      errors,
      skew,
      otherMethodsHref,
    });
  }
}
