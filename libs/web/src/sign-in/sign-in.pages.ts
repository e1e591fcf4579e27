import { Body, Controller, Get, Inject, Post, Query, Req, Res, Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  Caller,
  ChallengeView,
  CODE_CHALLENGE,
  DomainError,
  EnrollmentService,
  HandOffService,
  isSmsPaused,
  MfaStepService,
  PasskeySignInService,
  Principal,
  PRODUCT_POLICY,
  ProductPolicy,
  SignInResult,
  SignInService,
  WebAuthnEnrollmentAnswer,
  WebAuthnEnrollmentPayload,
} from '@sitepass/auth';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Clock, MfaTokenAuth, Public } from '@sitepass/common';
import { UserRepository } from '@sitepass/database';
import { cookiesOf, CurrentCaller, CurrentPrincipal } from '@sitepass/http';
import type { Request, Response } from 'express';
import { emailCodeError, emailProofOf } from '../factors/email-code-field';
import { passkeyAnswer, unansweredPasskeyMessage } from '../factors/passkey-form';
import { PhoneForms, phoneNumberOf } from '../factors/phone-form';
import { enrollInsteadNotice, otherFactorsThan, otherWaysPage } from '../factors/sms-paused.views';
import { field, Form, idField, secondsUntil, sixDigitCode } from '../form-input';
import { FieldErrors, notice } from '../forms';
import { FlowState, PageFlows } from '../flow/page-flow';
import { PageContext } from '../layout';
import { localPath, Pages } from '../page-context';
import { ClockSkew, codeErrorMessage, messageOf, resendAvailableAfter, skewOf, statusOf } from '../page-errors';
import { PageSessions } from '../session/page-session';
import { PasswordPages } from './password-pages';
import { DEVICE_COOKIE, SignInContinuation } from './sign-in-continuation';
import {
  chooseFactorPage,
  chooseMethodPage,
  codePage,
  EnrollmentUrls,
  enrollmentCodePage,
  passkeyCreatePage,
  PasskeyEnrollmentUrls,
  passkeyNamePage,
  passkeyStepPage,
  PasswordForm,
  requestOptionsOf,
  recoveryCodePage,
  recoveryPage,
  signedInPage,
  smsNumberPage,
  totpSetupPage,
} from './sign-in.views';

/** The MFA step's answers that end the sign-in: it starts again at the password (LOGIN-5). */
const SIGN_IN_OVER = ['challenge_failed', 'challenge_expired', 'mfa_attempts_exhausted', 'invalid_token'];
/** An enrollment that can no longer be confirmed: the sign-in starts again at the password. */
const ENROLLMENT_OVER = ['challenge_failed', 'challenge_expired', 'enrollment_expired', 'mfa_attempts_exhausted', 'invalid_token'];

/**
 * WEB-1 to WEB-3: the hosted sign-in of a product, on the same services as the JSON API (no rule of its own):
 * the password, then the MFA step (choose a factor, one code field, resend with a countdown, the recovery
 * code, the clock help of TOTP-7), or the enrollment inside the sign-in (LOGIN-4) with the recovery code shown
 * once; then the hand-off to the product that started the flow (WEB-2), or the account page. Every form is a
 * plain POST answered with a redirect or a page (WEB-9); errors are shown beside their fields (WEB-8).
 * `base` is the product's prefix: '' for the standard product, '/pay' for Pay.
 */
export function createSignInPages(base: '' | '/pay'): Type<unknown> {
  const path = (route: string) => `${base.slice(1)}${base ? '/' : ''}${route}`;
  const enrollmentUrls: EnrollmentUrls = {
    confirm: `${base}/signin/enroll/confirm`,
    resend: `${base}/signin/enroll/resend`,
    startAgain: `${base}/signin/enroll`,
  };
  const smsNumberUrls = { action: `${base}/signin/enroll/sms`, back: `${base}/signin/enroll` };
  const passkeyUrls: PasskeyEnrollmentUrls = {
    start: `${base}/signin/enroll/passkey`,
    confirm: `${base}/signin/enroll/passkey/confirm`,
    back: `${base}/signin/enroll`,
  };

  @ApiExcludeController()
  @Controller()
  class SignInPages {
    constructor(
      @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
      private readonly pages: Pages,
      private readonly flows: PageFlows,
      private readonly sessions: PageSessions,
      private readonly signIn: SignInService,
      private readonly mfa: MfaStepService,
      private readonly enrollments: EnrollmentService,
      private readonly handOff: HandOffService,
      private readonly continuation: SignInContinuation,
      private readonly passwordPages: PasswordPages,
      private readonly passkeys: PasskeySignInService,
      private readonly users: UserRepository,
      private readonly phoneForms: PhoneForms,
      private readonly clock: Clock,
    ) {}

    /** WEB-1, WEB-2: the email and password form; a product starts the flow with its return URL and PKCE challenge. */
    @Public()
    @Get(path('signin'))
    async showSignIn(@Req() request: Request, @Res() response: Response, @Query() query: Form): Promise<void> {
      const context = await this.context(request, response);
      const returnTo = field(query, 'return_to');
      if (returnTo) {
        const valid =
          this.handOff.allowsReturnTo(returnTo) &&
          field(query, 'code_challenge_method') === 'S256' &&
          CODE_CHALLENGE.test(field(query, 'code_challenge'));
        if (!valid) return this.sendPasswordPage(response, context, { message: notice(context.t('page.signin.bad_link'), 'error') }, 400);
        const state = field(query, 'state').slice(0, 512) || undefined;
        this.flows.write(response, { returnTo, codeChallenge: field(query, 'code_challenge'), state });
      } else {
        this.flows.write(response, { next: localPath(query.next) });
      }
      const message = query.signed_out === '1' && notice(context.t('page.signin.signed_out'), 'success');
      await this.sendPasswordPage(response, context, { message });
    }

    @Public()
    @Post(path('signin'))
    async submitPassword(@Req() request: Request, @Res() response: Response, @Body() form: Form): Promise<void> {
      const context = await this.context(request, response);
      const email = field(form, 'email');
      const password = typeof form.password === 'string' ? form.password : '';
      const errors: FieldErrors = {};
      if (!email) errors.email = context.t('page.signin.email.required');
      if (!password) errors.password = context.t('page.signin.password.required');
      if (Object.keys(errors).length > 0) return this.sendPasswordPage(response, context, { email, errors }, 400);
      let result: SignInResult;
      try {
        const deviceToken = cookiesOf(request).get(DEVICE_COOKIE);
        result = await this.signIn.signInWithPassword({ email: email.slice(0, 254), password: password.slice(0, 1024), deviceToken });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return this.sendPasswordPage(response, context, { email, errors: { password: signInRefusal(context, error) } }, statusOf(error));
      }
      await this.continuation.afterFirstStep(request, response, base, result, this.flows.read(request));
    }

    /**
     * PASSKEY-3: "Sign in with a passkey" answered. A passkey with user verification is both factors: the
     * sign-in is complete, and continues as one completed after a code (the page session, the hand-off).
     */
    @Public()
    @Post(path('signin/passkey'))
    async submitPasswordless(@Req() request: Request, @Res() response: Response, @Body() form: Form): Promise<void> {
      const context = await this.context(request, response);
      const answer = passkeyAnswer(form);
      const ceremonyId = idField(form, 'ceremonyId');
      if (!answer || !ceremonyId) {
        const passkeyError = answer ? context.t('page.passkey.failed') : unansweredPasskeyMessage(context, form);
        return this.sendPasswordPage(response, context, { passkeyError }, 400);
      }
      try {
        const session = await this.passkeys.finish(ceremonyId, answer);
        await this.continuation.finish(request, response, base, session, this.flows.read(request));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const page = await this.passwordPages.render(context, { passkeyError: signInRefusal(context, error) });
        this.pages.refuse(response, context, page, error);
      }
    }

    /** LOGIN-3: the open challenge's code form; otherwise the factors to choose from (an app alone is asked at once). */
    @MfaTokenAuth()
    @Get(path('signin/verify'))
    async showVerify(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentCaller() caller: Caller,
      @Query() query: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      const factors = flow.factors ?? [];
      const purpose = flow.proofRequired ? 'proof' : 'sign_in';
      if (flow.challengeId && query.choose === undefined) {
        const open = await this.mfa.describeChallenge(caller, flow.challengeId).catch(() => null);
        if (open?.status === 'pending' && Date.parse(open.expiresAt) > this.clock.now().getTime()) {
          return this.pages.send(response, context, this.challengeView(context, flow, open));
        }
      }
      // A factor that sends nothing (an app, a passkey) is asked for at once when it is the only one.
      if (query.choose === undefined && factors.length === 1 && factors[0]!.type !== 'sms') {
        const started = await this.mfa.issueChallenge(caller, factors[0]!.id, purpose);
        const updated = this.flows.update(request, response, { challengeId: started.challengeId });
        return this.pages.send(response, context, this.challengeView(context, updated, started));
      }
      this.pages.send(
        response,
        context,
        chooseFactorPage(context, { factors, recoveryCodeAvailable: flow.recoveryCodeAvailable === true, purpose }),
      );
    }

    @MfaTokenAuth()
    @Post(path('signin/verify/start'))
    async startChallenge(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentCaller() caller: Caller,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      const factorId = field(form, 'factorId');
      const purpose = flow.proofRequired ? 'proof' : 'sign_in';
      const chosen = (flow.factors ?? []).find((factor) => factor.id === factorId);
      try {
        const started = await this.mfa.issueChallenge(caller, chosen?.id ?? factorId, purpose);
        this.flows.update(request, response, { challengeId: started.challengeId });
        response.redirect(303, `${base}/signin/verify`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (isSmsPaused(error)) return this.sendOtherWays(response, context, flow, error);
        const view = {
          factors: flow.factors ?? [],
          recoveryCodeAvailable: flow.recoveryCodeAvailable === true,
          purpose,
          errors: { factorId: messageOf(context, error) },
        } as const;
        this.pages.send(response, context, chooseFactorPage(context, view), statusOf(error));
      }
    }

    @MfaTokenAuth()
    @Post(path('signin/verify'))
    async submitCode(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentCaller() caller: Caller,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      if (!flow.challengeId) return response.redirect(303, `${base}/signin/verify`);
      const code = sixDigitCode(form);
      const open = await this.mfa.describeChallenge(caller, flow.challengeId);
      if (!code) {
        return this.pages.send(
          response,
          context,
          this.codeView(context, flow, open, { code: context.t('page.verify.code.required') }),
          400,
        );
      }
      try {
        const verified = await this.mfa.verifyChallenge(caller, flow.challengeId, { code });
        if (verified.status === 'factor_proven') {
          this.flows.update(request, response, { challengeId: undefined, proofRequired: false });
          return response.redirect(303, `${base}/signin/enroll`);
        }
        if (verified.status === 'authenticated') return this.continuation.finish(request, response, base, verified, flow);
        throw new Error('a sign-in challenge verified as a re-authentication');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (SIGN_IN_OVER.includes(error.code)) return this.continuation.restart(request, response, context, error);
        const skew = skewOf(error);
        const errors = skew ? {} : { code: codeErrorMessage(context, error) };
        this.pages.send(response, context, this.codeView(context, flow, open, errors, skew), statusOf(error));
      }
    }

    /**
     * PASSKEY-3: the passkey's answer to the open challenge, verified as a code is (LOGIN-5's budgets); a refusal
     * (a wrong key, a copied one) is shown above the form, which sends a new answer, beside the other ways.
     */
    @MfaTokenAuth()
    @Post(path('signin/verify/passkey'))
    async submitPasskey(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentCaller() caller: Caller,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      if (!flow.challengeId || field(form, 'challengeId') !== flow.challengeId) return response.redirect(303, `${base}/signin/verify`);
      const open = await this.mfa.describeChallenge(caller, flow.challengeId);
      const answer = passkeyAnswer(form);
      if (!answer)
        return this.pages.send(response, context, this.challengeView(context, flow, open, unansweredPasskeyMessage(context, form)), 400);
      try {
        const verified = await this.mfa.verifyChallenge(caller, flow.challengeId, { credential: answer });
        if (verified.status === 'factor_proven') {
          this.flows.update(request, response, { challengeId: undefined, proofRequired: false });
          return response.redirect(303, `${base}/signin/enroll`);
        }
        if (verified.status === 'authenticated') return this.continuation.finish(request, response, base, verified, flow);
        throw new Error('a sign-in challenge verified as a re-authentication');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (SIGN_IN_OVER.includes(error.code)) return this.continuation.restart(request, response, context, error);
        this.pages.send(response, context, this.challengeView(context, flow, open, codeErrorMessage(context, error)), statusOf(error));
      }
    }

    @MfaTokenAuth()
    @Post(path('signin/verify/resend'))
    async resendCode(@Req() request: Request, @Res() response: Response, @CurrentCaller() caller: Caller): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      if (!flow.challengeId) return response.redirect(303, `${base}/signin/verify`);
      try {
        await this.mfa.resendChallenge(caller, flow.challengeId);
        response.redirect(303, `${base}/signin/verify`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (isSmsPaused(error)) return this.sendOtherWays(response, context, flow, error);
        const open = await this.mfa.describeChallenge(caller, flow.challengeId);
        const resendAvailableAt = resendAvailableAfter(open.resendAvailableAt, error, this.clock.now().getTime());
        this.pages.refuse(
          response,
          context,
          this.codeView(context, flow, { ...open, resendAvailableAt }, { code: messageOf(context, error) }),
          error,
        );
      }
    }

    @MfaTokenAuth()
    @Get(path('signin/recovery'))
    async showRecovery(@Req() request: Request, @Res() response: Response): Promise<void> {
      const context = await this.context(request, response);
      this.pages.send(response, context, recoveryPage(context));
    }

    @MfaTokenAuth()
    @Post(path('signin/recovery'))
    async redeemRecoveryCode(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentCaller() caller: Caller,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const code = field(form, 'code');
      if (!code) return this.pages.send(response, context, recoveryPage(context, { code: context.t('page.verify.code.required') }), 400);
      try {
        const session = await this.mfa.redeemRecoveryCode(caller, code.slice(0, 64));
        await this.continuation.finish(request, response, base, session, this.flows.read(request));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code === 'mfa_attempts_exhausted' || error.code === 'invalid_token')
          return this.continuation.restart(request, response, context, error);
        this.pages.send(response, context, recoveryPage(context, { code: messageOf(context, error) }), statusOf(error));
      }
    }

    /** WEB-3: choose a method among the types this product allows this user (or first prove one, ABUSE-3). */
    @MfaTokenAuth()
    @Get(path('signin/enroll'))
    async showEnroll(@Req() request: Request, @Res() response: Response): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      if (flow.proofRequired) {
        return this.pages.send(
          response,
          context,
          chooseFactorPage(context, { factors: flow.factors ?? [], recoveryCodeAvailable: false, purpose: 'proof' }),
        );
      }
      this.pages.send(response, context, chooseMethodPage(context, { allowed: flow.allowedFactorTypes ?? [] }));
    }

    @MfaTokenAuth()
    @Post(path('signin/enroll'))
    async startEnrollment(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentCaller() caller: Caller,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      const factorType = field(form, 'factorType');
      const allowed = flow.allowedFactorTypes ?? [];
      if (!allowed.includes(factorType)) {
        return this.pages.send(
          response,
          context,
          chooseMethodPage(context, { allowed, errors: { factorType: context.t('page.verify.choose.required') } }),
          400,
        );
      }
      if (factorType === 'sms') return response.redirect(303, `${base}/signin/enroll/sms`);
      if (factorType === 'webauthn') return response.redirect(303, passkeyUrls.start);
      try {
        const started = await this.enrollments.startEnrollment(caller, { factorType, payload: {} }, allowed);
        this.flows.update(request, response, { enrollmentId: started.enrollmentId });
        const totp = started.totp as { qrCodePngDataUrl: string; secretGrouped: string };
        const view = { enrollmentId: started.enrollmentId, ...totp, emailProof: emailProofOf(started) };
        this.pages.send(response, context, totpSetupPage(context, view, enrollmentUrls));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.pages.send(
          response,
          context,
          chooseMethodPage(context, { allowed, errors: { factorType: messageOf(context, error) } }),
          statusOf(error),
        );
      }
    }

    @MfaTokenAuth()
    @Get(path('signin/enroll/sms'))
    async showPhoneNumber(@Req() request: Request, @Res() response: Response, @CurrentCaller() caller: Caller): Promise<void> {
      const context = await this.context(request, response);
      const countries = await this.phoneForms.countries(caller.userId, context);
      this.pages.send(response, context, smsNumberPage(context, { countries }, smsNumberUrls));
    }

    @MfaTokenAuth()
    @Post(path('signin/enroll/sms'))
    async startSmsEnrollment(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentCaller() caller: Caller,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      const countries = await this.phoneForms.countries(caller.userId, context);
      const { country, number, phoneNumber, errors } = phoneNumberOf(context, form, countries);
      const rerender = (errors: FieldErrors, status: number) =>
        this.pages.send(response, context, smsNumberPage(context, { countries, country, number, errors }, smsNumberUrls), status);
      if (!phoneNumber) return rerender(errors, 400);
      try {
        const started = await this.enrollments.startEnrollment(
          caller,
          { factorType: 'sms', payload: { phoneNumber } },
          flow.allowedFactorTypes ?? [],
        );
        this.flows.update(request, response, { enrollmentId: started.enrollmentId });
        response.redirect(303, `${base}/signin/enroll/code`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (!isSmsPaused(error)) return rerender({ number: messageOf(context, error) }, statusOf(error));
        // SMS-10: texts to this number's prefix are paused: the other types are offered above the form.
        const message = enrollInsteadNotice(context, error, { action: `${base}/signin/enroll` });
        this.pages.refuse(response, context, smsNumberPage(context, { countries, country, number, message }, smsNumberUrls), error);
      }
    }

    @MfaTokenAuth()
    @Get(path('signin/enroll/code'))
    async showEnrollmentCode(@Req() request: Request, @Res() response: Response, @CurrentCaller() caller: Caller): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      if (!flow.enrollmentId) return response.redirect(303, `${base}/signin/enroll`);
      this.pages.send(response, context, await this.enrollmentCodeView(context, caller, flow.enrollmentId));
    }

    @MfaTokenAuth()
    @Post(path('signin/enroll/resend'))
    async resendEnrollmentCode(@Req() request: Request, @Res() response: Response, @CurrentCaller() caller: Caller): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      if (!flow.enrollmentId) return response.redirect(303, `${base}/signin/enroll`);
      try {
        await this.enrollments.resendEnrollmentCode(caller, flow.enrollmentId);
        response.redirect(303, `${base}/signin/enroll/code`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (isSmsPaused(error)) {
          // SMS-10: as at the start, the other types are offered above a phone form.
          const countries = await this.phoneForms.countries(caller.userId, context);
          const message = enrollInsteadNotice(context, error, { action: `${base}/signin/enroll` });
          return this.pages.refuse(response, context, smsNumberPage(context, { countries, message }, smsNumberUrls), error);
        }
        this.pages.send(
          response,
          context,
          await this.enrollmentCodeView(context, caller, flow.enrollmentId, { code: messageOf(context, error) }),
          statusOf(error),
        );
      }
    }

    /** TOTP-3, SMS-3: the confirming code; the first factor completes the sign-in and issues the recovery code (LOGIN-4, REC-2). */
    @MfaTokenAuth()
    @Post(path('signin/enroll/confirm'))
    async confirmEnrollment(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentCaller() caller: Caller,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      const enrollmentId = flow.enrollmentId;
      if (!enrollmentId || field(form, 'enrollmentId') !== enrollmentId) return response.redirect(303, `${base}/signin/enroll`);
      const code = sixDigitCode(form);
      const retry = async (errors: FieldErrors, status: number, skew?: ClockSkew) => {
        const view = await this.enrollmentCodeView(context, caller, enrollmentId, errors, skew);
        this.pages.send(response, context, view, status);
      };
      if (!code) return retry({ code: context.t('page.verify.code.required') }, 400);
      try {
        const confirmed = await this.enrollments.confirmEnrollment(caller, enrollmentId, { code }, sixDigitCode(form, 'emailCode'));
        if (!confirmed.session) throw new Error('an enrollment inside a sign-in confirmed without completing it');
        await this.continuation.finish(request, response, base, { ...confirmed.session, recoveryCode: confirmed.recoveryCode }, flow);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (ENROLLMENT_OVER.includes(error.code)) return this.continuation.restart(request, response, context, error);
        const skew = skewOf(error);
        await retry(emailCodeError(context, error) ?? (skew ? {} : { code: codeErrorMessage(context, error) }), statusOf(error), skew);
      }
    }

    /** PASSKEY-2: the name the new passkey will be listed by. */
    @MfaTokenAuth()
    @Get(path('signin/enroll/passkey'))
    async showPasskeyName(@Req() request: Request, @Res() response: Response): Promise<void> {
      const context = await this.context(request, response);
      this.pages.send(response, context, passkeyNamePage(context, {}, passkeyUrls));
    }

    /**
     * PASSKEY-2: the enrollment starts with the name; the browser makes the passkey on the page that answers. Its
     * creation options are shown once, as an app's secret is: a reload starts a new enrollment.
     */
    @MfaTokenAuth()
    @Post(path('signin/enroll/passkey'))
    async startPasskeyEnrollment(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentCaller() caller: Caller,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      const name = field(form, 'name');
      const nameError = await passkeyNameError(context, name);
      if (nameError)
        return this.pages.send(response, context, passkeyNamePage(context, { name, errors: { name: nameError } }, passkeyUrls), 400);
      try {
        const started = await this.enrollments.startEnrollment(
          caller,
          { factorType: 'webauthn', payload: { name } },
          flow.allowedFactorTypes ?? [],
        );
        this.flows.update(request, response, { enrollmentId: started.enrollmentId });
        const { publicKey } = started.webauthn as WebAuthnEnrollmentAnswer;
        const view = { enrollmentId: started.enrollmentId, name, options: publicKey, emailProof: emailProofOf(started) };
        this.pages.send(response, context, passkeyCreatePage(context, view, passkeyUrls));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code === 'invalid_token') return this.continuation.restart(request, response, context, error);
        this.pages.send(
          response,
          context,
          passkeyNamePage(context, { name, errors: { name: messageOf(context, error) } }, passkeyUrls),
          statusOf(error),
        );
      }
    }

    /**
     * PASSKEY-2, LOGIN-4: the new passkey's registration confirms the enrollment; the first factor completes the
     * sign-in with the recovery code (REC-2). A refused registration starts again from the name: its options
     * were shown once.
     */
    @MfaTokenAuth()
    @Post(path('signin/enroll/passkey/confirm'))
    async confirmPasskeyEnrollment(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentCaller() caller: Caller,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      const flow = this.flows.read(request);
      const enrollmentId = flow.enrollmentId;
      if (!enrollmentId || field(form, 'enrollmentId') !== enrollmentId) return response.redirect(303, passkeyUrls.start);
      const startAgain = (message: string, status: number) =>
        this.pages.send(response, context, passkeyNamePage(context, { errors: { name: message } }, passkeyUrls), status);
      const answer = passkeyAnswer(form);
      if (!answer) return startAgain(unansweredPasskeyMessage(context, form), 400);
      try {
        const confirmed = await this.enrollments.confirmEnrollment(
          caller,
          enrollmentId,
          { credential: answer },
          sixDigitCode(form, 'emailCode'),
        );
        if (!confirmed.session) throw new Error('an enrollment inside a sign-in confirmed without completing it');
        await this.continuation.finish(request, response, base, { ...confirmed.session, recoveryCode: confirmed.recoveryCode }, flow);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (ENROLLMENT_OVER.includes(error.code)) return this.continuation.restart(request, response, context, error);
        // The passkey's options were shown once: a refused email code (ABUSE-16) starts again too, with a new email.
        startAgain(emailCodeError(context, error)?.emailCode ?? messageOf(context, error), statusOf(error));
      }
    }

    /** After the recovery code page: the person confirms they saved it, then the flow ends (WEB-3). */
    @Post(path('signin/continue'))
    async continueAfterRecoveryCode(
      @Req() request: Request,
      @Res() response: Response,
      @CurrentPrincipal() principal: Principal,
      @Body() form: Form,
    ): Promise<void> {
      const context = await this.context(request, response);
      if (field(form, 'saved') !== 'yes') {
        const user = (await this.users.findById(principal.userId))!;
        const view = {
          code: field(form, 'code'),
          email: user.email,
          errors: { saved: context.t('page.recovery_code.saved.required') },
          action: `${base}/signin/continue`,
        };
        return this.pages.send(response, context, recoveryCodePage(context, view), 400);
      }
      await this.continuation.endFlow(request, response, base, principal);
    }

    @Get(path('signin/done'))
    async showSignedIn(@Req() request: Request, @Res() response: Response): Promise<void> {
      const context = await this.context(request, response, true);
      this.pages.send(response, context, signedInPage(context));
    }

    /** SES-7: sign-out revokes the page session and forgets it. */
    @Post(path('signout'))
    async signOut(@Res() response: Response, @CurrentPrincipal() principal: Principal): Promise<void> {
      await this.signIn.signOut(principal);
      this.sessions.end(response);
      response.redirect(303, `${base}/signin?signed_out=1`);
    }

    private context(request: Request, response: Response, signedIn = false): Promise<PageContext> {
      return this.pages.context(request, response, base, signedIn);
    }

    /** SMS-10: texts to the person's number are paused; their other factors are offered instead, and the recovery code. */
    private sendOtherWays(response: Response, context: PageContext, flow: FlowState, error: DomainError): void {
      const proof = flow.proofRequired === true;
      const page = otherWaysPage(context, error, {
        heading: context.t('page.verify.title'),
        sectionTitle: context.t(proof ? 'page.sms_paused.other_ways.verify' : 'page.sms_paused.other_ways.sign_in'),
        factors: otherFactorsThan(error, flow.factors ?? []),
        action: `${base}/signin/verify/start`,
        recoveryHref: flow.recoveryCodeAvailable === true && !proof ? `${base}/signin/recovery` : undefined,
      });
      this.pages.refuse(response, context, page, error);
    }

    private async sendPasswordPage(response: Response, context: PageContext, form: PasswordForm, status = 200): Promise<void> {
      this.pages.send(response, context, await this.passwordPages.render(context, form), status);
    }

    /** The open challenge's step: the passkey's ceremony, or the code field. */
    private challengeView(context: PageContext, flow: FlowState, open: ChallengeView, passkeyError?: string) {
      if (open.factorType !== 'webauthn') return this.codeView(context, flow, open);
      return passkeyStepPage(context, {
        action: `${base}/signin/verify/passkey`,
        hidden: { challengeId: open.challengeId },
        options: requestOptionsOf(open),
        error: passkeyError,
        otherMethodsHref: (flow.factors ?? []).length > 1 ? `${base}/signin/verify?choose=1` : undefined,
        recoveryHref: flow.recoveryCodeAvailable === true ? `${base}/signin/recovery` : undefined,
      });
    }

    private codeView(
      context: PageContext,
      flow: FlowState,
      open: { challengeId: string; factorType: string; expiresAt: string; resendAvailableAt?: string },
      errors: FieldErrors = {},
      skew?: ClockSkew,
    ) {
      const factor = (flow.factors ?? []).find((candidate) => candidate.type === open.factorType) ?? { id: '', type: open.factorType };
      const now = this.clock.now().getTime();
      return codePage(context, {
        action: `${base}/signin/verify`,
        factor,
        expiresInSeconds: secondsUntil(open.expiresAt, now),
        resend:
          open.factorType === 'sms'
            ? { action: `${base}/signin/verify/resend`, waitSeconds: secondsUntil(open.resendAvailableAt, now) }
            : undefined,
        errors,
        skew,
        otherMethodsHref: (flow.factors ?? []).length > 1 ? `${base}/signin/verify?choose=1` : undefined,
        recoveryHref: flow.recoveryCodeAvailable === true ? `${base}/signin/recovery` : undefined,
      });
    }

    private async enrollmentCodeView(
      context: PageContext,
      caller: Caller,
      enrollmentId: string,
      errors: FieldErrors = {},
      skew?: ClockSkew,
    ) {
      const pending = await this.enrollments.describePending(caller, enrollmentId);
      return enrollmentCodePage(context, pending, this.clock.now().getTime(), enrollmentUrls, { errors, skew });
    }
  }
  return SignInPages;
}

/** Why the password step refused: an SSO user is sent to their company's sign-in in the page's own words. */
function signInRefusal(context: PageContext, error: DomainError): string {
  return error.code === 'sso_required' ? context.t('page.signin.sso_required') : messageOf(context, error);
}

/** PASSKEY-2's rule for a passkey's name, as the API's DTO checks it, in the page's words. */
async function passkeyNameError(context: PageContext, name: string): Promise<string | undefined> {
  const problems = await validate(plainToInstance(WebAuthnEnrollmentPayload, { name }));
  return name && problems.length === 0 ? undefined : context.t('page.enroll.passkey.name.invalid');
}
