import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, FactorService, FactorView, Principal } from '@sitepass/auth';
import { UserRepository } from '@sitepass/database';
import { CurrentPrincipal, UuidPipe } from '@sitepass/http';
import type { Request, Response } from 'express';
import { field, Form, passwordField } from '../form-input';
import { FieldErrors } from '../forms';
import { Html } from '../html';
import { PageContent, PageContext } from '../layout';
import { Pages } from '../page-context';
import { asDomainError } from '../page-errors';
import { recoveryCodePage } from '../sign-in/sign-in.views';
import { ACCOUNT, backToAccount, Done, reverify } from './account-routes';
import { PASSWORD_REFUSALS, passwordStepPage, placeRefusal, verifiedNotice } from './factor-change.views';

/** What the recovery code page goes back to the account page to say: the change that issued the code. */
const ISSUED_BY: readonly Done[] = ['factor_added', 'factor_changed', 'recovery_code'];

/**
 * WEB-4: removing a factor (POL-8, with the last-factor rule of the core shown as it refuses) and a new recovery
 * code (REC-2), each confirmed with the current password after a recent MFA check, on FactorService as
 * `DELETE /v1/factors/{id}` and `POST /v1/recovery-codes` are; and the "I have saved it" step of every recovery
 * code the account page shows (WEB-3).
 */
@ApiExcludeController()
@Controller(ACCOUNT.slice(1))
export class CredentialPages {
  constructor(
    private readonly pages: Pages,
    private readonly factors: FactorService,
    private readonly users: UserRepository,
  ) {}

  @Get('factors/:factorId/remove')
  async showRemoval(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Param('factorId', UuidPipe) factorId: string,
    @Query() query: Form,
  ): Promise<void> {
    const context = await this.context(request, response);
    const factor = await this.activeFactor(principal, factorId);
    this.pages.send(response, context, this.removalStep(context, factor, {}, verifiedNotice(context, query.verified)));
  }

  /** POL-8, ABUSE-7: the core decides, under the lock of the user's row, whether this factor may go. */
  @Post('factors/:factorId/remove')
  async removeFactor(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Param('factorId', UuidPipe) factorId: string,
    @Body() form: Form,
  ): Promise<void> {
    const context = await this.context(request, response);
    const factor = await this.activeFactor(principal, factorId);
    const currentPassword = passwordField(form, 'currentPassword');
    if (!currentPassword) {
      const errors = { currentPassword: context.t('page.account.password.required') };
      return this.pages.send(response, context, this.removalStep(context, factor, errors), 400);
    }
    try {
      await this.factors.revokeFactor(principal, factorId, currentPassword);
    } catch (error) {
      const refusal = asDomainError(error);
      if (refusal.code === 'reauthentication_required') return reverify(response, `${ACCOUNT}/factors/${factorId}/remove`);
      const { errors, message } = placeRefusal(context, refusal, PASSWORD_REFUSALS);
      return this.pages.refuse(response, context, this.removalStep(context, factor, errors, message), refusal);
    }
    backToAccount(response, 'factor_removed');
  }

  @Get('recovery-code')
  async showRecoveryCodeStep(@Req() request: Request, @Res() response: Response, @Query() query: Form): Promise<void> {
    const context = await this.context(request, response);
    this.pages.send(response, context, this.recoveryCodeStep(context, {}, verifiedNotice(context, query.verified)));
  }

  /** REC-2: the new code voids the old one; it is shown this once. */
  @Post('recovery-code')
  async issueRecoveryCode(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Body() form: Form,
  ): Promise<void> {
    const context = await this.context(request, response);
    const currentPassword = passwordField(form, 'currentPassword');
    if (!currentPassword) {
      const errors = { currentPassword: context.t('page.account.password.required') };
      return this.pages.send(response, context, this.recoveryCodeStep(context, errors), 400);
    }
    let code: string;
    try {
      code = await this.factors.regenerateRecoveryCode(principal, currentPassword);
    } catch (error) {
      const refusal = asDomainError(error);
      if (refusal.code === 'reauthentication_required') return reverify(response, `${ACCOUNT}/recovery-code`);
      const { errors, message } = placeRefusal(context, refusal, PASSWORD_REFUSALS);
      return this.pages.refuse(response, context, this.recoveryCodeStep(context, errors, message), refusal);
    }
    await this.showRecoveryCode(response, context, principal, code, 'recovery_code');
  }

  /** WEB-3: "I have saved it" before going back to the account page, which says what was done. */
  @Post('recovery-code/saved')
  async confirmRecoveryCodeSaved(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Body() form: Form,
  ): Promise<void> {
    const done = ISSUED_BY.find((candidate) => candidate === field(form, 'done')) ?? 'recovery_code';
    if (field(form, 'saved') === 'yes') return backToAccount(response, done);
    const context = await this.context(request, response);
    const errors = { saved: context.t('page.recovery_code.saved.required') };
    await this.showRecoveryCode(response, context, principal, field(form, 'code'), done, errors);
  }

  private context(request: Request, response: Response): Promise<PageContext> {
    return this.pages.context(request, response, '', true);
  }

  private async showRecoveryCode(
    response: Response,
    context: PageContext,
    principal: Principal,
    code: string,
    done: Done,
    errors?: FieldErrors,
  ): Promise<void> {
    const { email } = (await this.users.findById(principal.userId))!;
    const view = { code, email, errors, action: `${ACCOUNT}/recovery-code/saved`, hidden: { done } };
    this.pages.send(response, context, recoveryCodePage(context, view), errors ? 400 : 200);
  }

  private removalStep(context: PageContext, factor: FactorView, errors: FieldErrors, message?: Html | false): PageContent {
    const { t } = context;
    return passwordStepPage(context, {
      title: t('page.account.remove.title', { type: factor.type, number: factor.maskedPhoneNumber ?? '', name: factor.name ?? '' }),
      intro: t('page.account.remove.intro'),
      action: `${ACCOUNT}/factors/${factor.id}/remove`,
      submit: t('page.account.remove.submit'),
      danger: true,
      errors,
      message,
    });
  }

  private recoveryCodeStep(context: PageContext, errors: FieldErrors, message?: Html | false): PageContent {
    const { t } = context;
    return passwordStepPage(context, {
      title: t('page.account.recovery.new'),
      intro: t('page.account.recovery.new.intro'),
      action: `${ACCOUNT}/recovery-code`,
      submit: t('page.account.recovery.new.submit'),
      errors,
      message,
    });
  }

  /** The caller's own active factor (SEC-3): another user's id, or a removed factor, is a 404 like the API's. */
  private async activeFactor(principal: Principal, factorId: string): Promise<FactorView> {
    const { factors } = await this.factors.overview(principal);
    const factor = factors.find((candidate) => candidate.id === factorId && candidate.status === 'active');
    if (!factor) throw DomainError.of('error.not_found.factor');
    return factor;
  }
}
