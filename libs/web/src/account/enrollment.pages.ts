import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Caller, EnrollmentService, FactorService, isSmsPaused, PendingEnrollmentView, Principal } from '@sitepass/auth';
import { Clock } from '@sitepass/common';
import { UserRepository } from '@sitepass/database';
import { CurrentCaller, CurrentPrincipal, EnrollmentRequestPipe } from '@sitepass/http';
import type { Request, Response } from 'express';
import { passkeyAnswer, unansweredPasskeyMessage } from '../factors/passkey-form';
import { PhoneForms, phoneNumberOf } from '../factors/phone-form';
import { enrollInsteadNotice } from '../factors/sms-paused.views';
import { field, Form, idField, passwordField, sixDigitCode } from '../form-input';
import { FieldErrors, notice } from '../forms';
import { Html } from '../html';
import { PageContent, PageContext } from '../layout';
import { Pages } from '../page-context';
import { asDomainError, ClockSkew, codeErrorMessage, messageOf, skewOf } from '../page-errors';
import { EnrollmentUrls, enrollmentCodePage, recoveryCodePage, smsNumberPage, totpSetupPage } from '../sign-in/sign-in.views';
import { ACCOUNT, backToAccount, Done, reverify } from './account-routes';
import { currentPasswordField, PASSWORD_REFUSALS, passwordStepPage, placeRefusal, verifiedNotice } from './factor-change.views';
import { passkeyCreatePage, passkeyNameStepPage, PASSKEY_STEP } from './passkey.views';

/** The refusals of an SMS enrollment that are about the number (SMS-1, SMS-5); the password's are POL-8's. */
const SMS_REFUSALS = {
  ...PASSWORD_REFUSALS,
  invalid_phone_number: 'number',
  phone_country_not_allowed: 'number',
  resend_too_soon: 'number',
  sms_quota_exceeded: 'number',
};

/** A code that can no longer confirm its enrollment: the person starts the change again. */
const ENROLLMENT_OVER = ['challenge_failed', 'challenge_expired', 'enrollment_expired', 'not_found'];

/** The passkey type, as the API names it; its name field is checked by the API's own pipe (`POST /v1/enrollments`). */
const PASSKEY = 'webauthn';
const enrollmentRequests = new EnrollmentRequestPipe();

function enrollmentUrls(enrollmentId: string): EnrollmentUrls {
  return {
    confirm: `${ACCOUNT}/enrollment/confirm`,
    resend: `${ACCOUNT}/enrollment/resend?id=${enrollmentId}`,
    startAgain: ACCOUNT,
  };
}

/**
 * WEB-4, WEB-3 in self-service: adding or changing the authenticator app (TOTP-5) and the phone (SMS-9) with the
 * sign-in's own views, and adding passkeys (PASSKEY-2), on the same EnrollmentService as `POST /v1/enrollments`.
 * The current password goes with the start (POL-8); when the core asks for a recent MFA check, the re-verification
 * page comes first and sends the person back here. Confirming the first factor or a new app shows the new recovery
 * code once (REC-2).
 */
@ApiExcludeController()
@Controller(ACCOUNT.slice(1))
export class EnrollmentPages {
  constructor(
    private readonly pages: Pages,
    private readonly enrollments: EnrollmentService,
    private readonly factors: FactorService,
    private readonly users: UserRepository,
    private readonly phoneForms: PhoneForms,
    private readonly clock: Clock,
  ) {}

  /** TOTP-5: one app per account; a new one replaces the active one when it is confirmed. */
  @Get('totp')
  async showAppStep(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Query() query: Form,
  ): Promise<void> {
    const context = await this.context(request, response);
    this.pages.send(response, context, await this.appStep(context, principal, {}, verifiedNotice(context, query.verified)));
  }

  @Post('totp')
  async startApp(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @CurrentPrincipal() principal: Principal,
    @Body() form: Form,
  ): Promise<void> {
    const context = await this.context(request, response);
    const currentPassword = passwordField(form, 'currentPassword');
    if (!currentPassword) {
      const errors = { currentPassword: context.t('page.account.password.required') };
      return this.pages.send(response, context, await this.appStep(context, principal, errors), 400);
    }
    try {
      const started = await this.enrollments.startEnrollment(caller, { factorType: 'totp', currentPassword, payload: {} });
      const totp = started.totp as { qrCodePngDataUrl: string; secretGrouped: string };
      const view = { enrollmentId: started.enrollmentId, ...totp, title: this.title(context, 'totp', started.replacesFactorId) };
      this.pages.send(response, context, totpSetupPage(context, view, enrollmentUrls(started.enrollmentId)));
    } catch (error) {
      const refusal = asDomainError(error);
      if (refusal.code === 'reauthentication_required') return reverify(response, `${ACCOUNT}/totp`);
      const { errors, message } = placeRefusal(context, refusal, PASSWORD_REFUSALS);
      this.pages.refuse(response, context, await this.appStep(context, principal, errors, message), refusal);
    }
  }

  /** SMS-9: one number per account; a new one replaces the active one when its texted code is confirmed. */
  @Get('sms')
  async showPhoneStep(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Query() query: Form,
  ): Promise<void> {
    const context = await this.context(request, response);
    this.pages.send(response, context, await this.phoneStep(context, principal, {}, {}, verifiedNotice(context, query.verified)));
  }

  @Post('sms')
  async startPhone(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @CurrentPrincipal() principal: Principal,
    @Body() form: Form,
  ): Promise<void> {
    const context = await this.context(request, response);
    const { country, number, phoneNumber, errors } = phoneNumberOf(context, form, await this.phoneForms.countries(caller.userId, context));
    const currentPassword = passwordField(form, 'currentPassword');
    if (!currentPassword) errors.currentPassword = context.t('page.account.password.required');
    if (!phoneNumber || !currentPassword) {
      return this.pages.send(response, context, await this.phoneStep(context, principal, { country, number }, errors), 400);
    }
    try {
      const started = await this.enrollments.startEnrollment(caller, { factorType: 'sms', currentPassword, payload: { phoneNumber } });
      response.redirect(303, `${ACCOUNT}/enrollment?id=${started.enrollmentId}`);
    } catch (error) {
      const refusal = asDomainError(error);
      if (refusal.code === 'reauthentication_required') return reverify(response, `${ACCOUNT}/sms`);
      // SMS-10: texts to this number's prefix are paused: the other types are offered above the form.
      const placed = isSmsPaused(refusal)
        ? { errors: {}, message: enrollInsteadNotice(context, refusal, { hrefOf: (type) => `${ACCOUNT}/${type}` }) }
        : placeRefusal(context, refusal, SMS_REFUSALS);
      this.pages.refuse(
        response,
        context,
        await this.phoneStep(context, principal, { country, number }, placed.errors, placed.message),
        refusal,
      );
    }
  }

  /**
   * PASSKEY-2: one more passkey, named; a name typed before the re-verification comes back with the person
   * (`?name=`).
   */
  @Get('webauthn')
  async showPasskeyStep(@Req() request: Request, @Res() response: Response, @Query() query: Form): Promise<void> {
    const context = await this.context(request, response);
    const view = { name: field(query, 'name').slice(0, 64), errors: {}, message: verifiedNotice(context, query.verified) };
    this.pages.send(response, context, passkeyNameStepPage(context, view));
  }

  /** The name and password start the enrollment; its creation options go to the browser's ceremony. */
  @Post('webauthn')
  async startPasskey(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @Body() form: Form,
  ): Promise<void> {
    const context = await this.context(request, response);
    const { t } = context;
    const name = field(form, 'name');
    const currentPassword = passwordField(form, 'currentPassword');
    const errors: FieldErrors = {};
    if (!name) errors.name = t('page.account.passkey.name.required');
    // A name the API would refuse is refused here in the page's words; anything but a refusal is a bug.
    const named = name && (await enrollmentRequests.transform({ factorType: PASSKEY, name }).catch((error) => void asDomainError(error)));
    if (name && !named) errors.name = t('page.account.passkey.name.invalid');
    if (!currentPassword) errors.currentPassword = t('page.account.password.required');
    if (!named || !currentPassword) return this.pages.send(response, context, passkeyNameStepPage(context, { name, errors }), 400);
    try {
      const started = await this.enrollments.startEnrollment(caller, { factorType: PASSKEY, currentPassword, payload: named.payload });
      const passkey = started.webauthn as { publicKey: Record<string, unknown>; name: string };
      const view = { enrollmentId: started.enrollmentId, name: passkey.name, options: passkey.publicKey };
      this.pages.send(response, context, passkeyCreatePage(context, view));
    } catch (error) {
      const refusal = asDomainError(error);
      if (refusal.code === 'reauthentication_required') return reverify(response, `${PASSKEY_STEP}?name=${encodeURIComponent(name)}`);
      const placed = placeRefusal(context, refusal, PASSWORD_REFUSALS);
      this.pages.refuse(response, context, passkeyNameStepPage(context, { name, ...placed }), refusal);
    }
  }

  /**
   * PASSKEY-1: the browser's answer confirms the enrollment as `POST /v1/enrollments/{id}/confirm` does. No answer
   * (a browser without script) or one that is not a credential is the person's to retry from the name step.
   */
  @Post('webauthn/confirm')
  async confirmPasskey(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @CurrentPrincipal() principal: Principal,
    @Body() form: Form,
  ): Promise<void> {
    const enrollmentId = idField(form, 'enrollmentId');
    if (!enrollmentId) return response.redirect(303, ACCOUNT);
    const context = await this.context(request, response);
    const retry = { name: field(form, 'name').slice(0, 64), errors: {} };
    const credential = passkeyAnswer(form);
    if (!credential) {
      const message = notice(unansweredPasskeyMessage(context, form), 'error');
      return this.pages.send(response, context, passkeyNameStepPage(context, { ...retry, message }), 400);
    }
    try {
      const { recoveryCode } = await this.enrollments.confirmEnrollment(caller, enrollmentId, { credential });
      await this.finish(response, context, principal, recoveryCode, 'factor_added');
    } catch (error) {
      const refusal = asDomainError(error);
      if (refusal.code === 'reauthentication_required') return reverify(response, PASSKEY_STEP);
      const message = notice(messageOf(context, refusal), 'error');
      this.pages.refuse(response, context, passkeyNameStepPage(context, { ...retry, message }), refusal);
    }
  }

  /** The code form of a pending enrollment: the texted code with resend, or the app's (its QR code was shown once). */
  @Get('enrollment')
  async showEnrollmentCode(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @Query() query: Form,
  ): Promise<void> {
    const enrollmentId = idField(query, 'id');
    if (!enrollmentId) return response.redirect(303, ACCOUNT);
    const context = await this.context(request, response);
    const pending = await this.enrollments.describePending(caller, enrollmentId);
    // A passkey's creation options were for that one ceremony: an unfinished passkey starts again.
    if (pending.factorType === PASSKEY) return response.redirect(303, PASSKEY_STEP);
    this.pages.send(response, context, this.codeStep(context, pending));
  }

  @Post('enrollment/resend')
  async resendEnrollmentCode(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @CurrentPrincipal() principal: Principal,
    @Query() query: Form,
  ): Promise<void> {
    const enrollmentId = idField(query, 'id');
    if (!enrollmentId) return response.redirect(303, ACCOUNT);
    try {
      await this.enrollments.resendEnrollmentCode(caller, enrollmentId);
      response.redirect(303, `${ACCOUNT}/enrollment?id=${enrollmentId}`);
    } catch (error) {
      const refusal = asDomainError(error);
      const context = await this.context(request, response);
      if (isSmsPaused(refusal)) {
        // SMS-10: as at the start, the other types are offered above the phone form.
        const message = enrollInsteadNotice(context, refusal, { hrefOf: (type) => `${ACCOUNT}/${type}` });
        return this.pages.refuse(response, context, await this.phoneStep(context, principal, {}, {}, message), refusal);
      }
      const pending = await this.enrollments.describePending(caller, enrollmentId);
      this.pages.refuse(response, context, this.codeStep(context, pending, { code: messageOf(context, refusal) }), refusal);
    }
  }

  /** TOTP-3, SMS-3: the code activates the factor; a first factor or a new app brings a new recovery code (REC-2). */
  @Post('enrollment/confirm')
  async confirmEnrollment(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
    @CurrentPrincipal() principal: Principal,
    @Body() form: Form,
  ): Promise<void> {
    const enrollmentId = idField(form, 'enrollmentId');
    if (!enrollmentId) return response.redirect(303, ACCOUNT);
    const context = await this.context(request, response);
    const pending = await this.enrollments.describePending(caller, enrollmentId);
    const code = sixDigitCode(form);
    if (!code)
      return this.pages.send(response, context, this.codeStep(context, pending, { code: context.t('page.verify.code.required') }), 400);
    const done = pending.replacesFactorId ? 'factor_changed' : 'factor_added';
    try {
      const { recoveryCode } = await this.enrollments.confirmEnrollment(caller, enrollmentId, { code });
      await this.finish(response, context, principal, recoveryCode, done);
    } catch (error) {
      const refusal = asDomainError(error);
      if (refusal.code === 'reauthentication_required') return reverify(response, `${ACCOUNT}/enrollment?id=${enrollmentId}`);
      if (ENROLLMENT_OVER.includes(refusal.code)) {
        const message = notice(messageOf(context, refusal), 'error');
        const step =
          pending.factorType === 'sms'
            ? await this.phoneStep(context, principal, {}, {}, message)
            : await this.appStep(context, principal, {}, message);
        return this.pages.refuse(response, context, step, refusal);
      }
      const skew = skewOf(refusal);
      this.pages.refuse(
        response,
        context,
        this.codeStep(context, pending, skew ? {} : { code: codeErrorMessage(context, refusal) }, skew),
        refusal,
      );
    }
  }

  private context(request: Request, response: Response): Promise<PageContext> {
    return this.pages.context(request, response, '', true);
  }

  /** REC-2: the recovery code a confirmation issued, shown once; otherwise the account page says what was done. */
  private async finish(
    response: Response,
    context: PageContext,
    principal: Principal,
    recoveryCode: string | undefined,
    done: Done,
  ): Promise<void> {
    if (!recoveryCode) return backToAccount(response, done);
    const { email } = (await this.users.findById(principal.userId))!;
    const view = { code: recoveryCode, email, action: `${ACCOUNT}/recovery-code/saved`, hidden: { done } };
    this.pages.send(response, context, recoveryCodePage(context, view));
  }

  private codeStep(context: PageContext, pending: PendingEnrollmentView, errors: FieldErrors = {}, skew?: ClockSkew): PageContent {
    const appTitle = this.title(context, pending.factorType, pending.replacesFactorId);
    const urls = enrollmentUrls(pending.enrollmentId);
    return enrollmentCodePage(context, pending, this.clock.now().getTime(), urls, { errors, skew, appTitle });
  }

  private async appStep(context: PageContext, principal: Principal, errors: FieldErrors, message?: Html | false): Promise<PageContent> {
    const { t } = context;
    const replacing = await this.activeFactorOfType(principal, 'totp');
    return passwordStepPage(context, {
      title: this.title(context, 'totp', replacing),
      intro: replacing ? t('page.account.totp.change.intro') : t('page.account.totp.add.intro'),
      action: `${ACCOUNT}/totp`,
      submit: t('page.continue'),
      errors,
      message,
    });
  }

  private async phoneStep(
    context: PageContext,
    principal: Principal,
    entered: { country?: string; number?: string },
    errors: FieldErrors,
    message?: Html | false,
  ): Promise<PageContent> {
    const replacing = await this.activeFactorOfType(principal, 'sms');
    const view = {
      countries: await this.phoneForms.countries(principal.userId, context),
      ...entered,
      errors,
      title: this.title(context, 'sms', replacing),
      message: message ? message : Boolean(replacing) && notice(context.t('page.account.sms.change.intro')),
      extra: currentPasswordField(context, errors),
    };
    return smsNumberPage(context, view, { action: `${ACCOUNT}/sms`, back: ACCOUNT });
  }

  /** "Add" or "change": whether an active factor of the type is there to be replaced (TOTP-5, SMS-9). */
  private title(context: PageContext, type: string, replacing: string | null | undefined): string {
    return context.t('page.account.enroll.title', { type, change: replacing ? 'yes' : 'no' });
  }

  private async activeFactorOfType(principal: Principal, type: string): Promise<string | undefined> {
    const { factors } = await this.factors.overview(principal);
    return factors.find((factor) => factor.status === 'active' && factor.type === type)?.id;
  }
}
