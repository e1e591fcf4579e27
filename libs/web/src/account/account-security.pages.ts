import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DirectoryService, FactorService, FactorTypes, Principal, SignInService, TrustedDeviceService } from '@sitepass/auth';
import { Clock } from '@sitepass/common';
import { CompanyPolicyRepository } from '@sitepass/database';
import { CurrentPrincipal, UuidPipe } from '@sitepass/http';
import { matchLocale } from '@sitepass/i18n';
import type { Request, Response } from 'express';
import { field, Form } from '../form-input';
import { FieldErrors } from '../forms';
import { Pages } from '../page-context';
import { asDomainError, messageOf } from '../page-errors';
import { PageSessions } from '../session/page-session';
import { ACCOUNT, backToAccount, Done, doneNotice } from './account-routes';
import { SecurityOverview, securityPage } from './account-security.views';

/**
 * WEB-4: the account security page of the standard product, for a signed-in user (the page session): whether MFA
 * is required and why, the company's deadline and interval (`/v1/me/mfa`), the factors, the recovery code's
 * status, the trusted devices (ABUSE-9), the language (I18N-2) and "sign out everywhere". The one-button actions
 * are here; the changes that need the password and a recent MFA check (POL-8) are in EnrollmentPages and
 * CredentialPages, and the check itself in ReverificationPages.
 * Each form posts, and is answered by a redirect to this page with a notice, or this page with the error beside
 * the button that failed (WEB-8, WEB-9).
 */
@ApiExcludeController()
@Controller(ACCOUNT.slice(1))
export class AccountSecurityPages {
  constructor(
    private readonly pages: Pages,
    private readonly sessions: PageSessions,
    private readonly factors: FactorService,
    private readonly devices: TrustedDeviceService,
    private readonly directory: DirectoryService,
    private readonly signIn: SignInService,
    private readonly policies: CompanyPolicyRepository,
    private readonly factorTypes: FactorTypes,
    private readonly clock: Clock,
  ) {}

  @Get()
  async showAccount(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Query() query: Form,
  ): Promise<void> {
    const context = await this.pages.context(request, response, '', true);
    this.pages.send(response, context, securityPage(context, await this.overview(principal), { done: doneNotice(query.done) }));
  }

  /** I18N-2: the page after this one is in the saved language; the browser's choice when none is saved. */
  @Post('language')
  async saveLanguage(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Body() form: Form,
  ): Promise<void> {
    const chosen = field(form, 'locale');
    const locale = chosen === '' ? null : matchLocale(chosen);
    if (locale === undefined) {
      const context = await this.pages.context(request, response, '', true);
      const errors = { locale: context.t('page.account.language.invalid') };
      return this.pages.send(response, context, securityPage(context, await this.overview(principal), { errors }), 400);
    }
    await this.directory.saveLocale(principal.userId, locale);
    backToAccount(response, 'language');
  }

  @Post('devices/:deviceId/revoke')
  async revokeDevice(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Param('deviceId', UuidPipe) deviceId: string,
  ): Promise<void> {
    const form = { request, response, principal, errorKey: `device-${deviceId}` };
    await this.act(form, () => this.devices.revokeOwn(principal.userId, deviceId), 'device_revoked');
  }

  @Post('devices/revoke-all')
  async revokeDevices(@Req() request: Request, @Res() response: Response, @CurrentPrincipal() principal: Principal): Promise<void> {
    const form = { request, response, principal, errorKey: 'devices' };
    await this.act(form, () => this.devices.revokeAllOwn(principal.userId), 'devices_revoked');
  }

  /** SMS-8: a text without a code to the factor's number, counted against SMS-5's limits. */
  @Post('factors/:factorId/test-message')
  async sendTestMessage(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Param('factorId', UuidPipe) factorId: string,
  ): Promise<void> {
    const form = { request, response, principal, errorKey: `test-${factorId}` };
    await this.act(form, () => this.factors.sendTestMessage(principal, factorId), 'test_message');
  }

  /** ABUSE-9: every session of the user (this one too) and every trusted device; then the sign-in page. */
  @Post('sign-out-everywhere')
  async signOutEverywhere(@Req() request: Request, @Res() response: Response, @CurrentPrincipal() principal: Principal): Promise<void> {
    const form = { request, response, principal, errorKey: 'signout' };
    if (!(await this.act(form, () => this.signIn.signOutEverywhere(principal)))) return;
    this.sessions.end(response);
    response.redirect(303, '/signin?signed_out=1');
  }

  /** What `/v1/me/mfa` says, with the deadline's zone, the trusted devices and the saved language. */
  private async overview(principal: Principal): Promise<SecurityOverview> {
    const [mfa, devices, savedLocale] = await Promise.all([
      this.factors.overview(principal),
      this.devices.list(principal.userId),
      this.directory.localeOf(principal.userId),
    ]);
    const policy = mfa.enforcement && (await this.policies.findByCompany(mfa.enforcement.companyId));
    const severalPerUser = mfa.allowedFactorTypes.filter((type) => this.factorTypes.of(type).severalPerUser);
    return { mfa, devices, savedLocale, deadlineZone: policy?.timeZone ?? 'UTC', now: this.clock.now(), severalPerUser };
  }

  /**
   * A one-button form: the core's action, then back to this page with `done`; refused, this page again with the
   * refusal beside the button that asked (`errorKey`), with its status and Retry-After. Says whether it was done.
   */
  private async act(
    form: { request: Request; response: Response; principal: Principal; errorKey: string },
    action: () => Promise<unknown>,
    done?: Done,
  ): Promise<boolean> {
    try {
      await action();
    } catch (error) {
      const refusal = asDomainError(error);
      const context = await this.pages.context(form.request, form.response, '', true);
      const errors: FieldErrors = { [form.errorKey]: messageOf(context, refusal) };
      this.pages.refuse(form.response, context, securityPage(context, await this.overview(form.principal), { errors }), refusal);
      return false;
    }
    if (done) backToAccount(form.response, done);
    return true;
  }
}
