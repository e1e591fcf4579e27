import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MfaResetService, Principal, ResetActor } from '@sitepass/auth';
import { CompanyRepository } from '@sitepass/database';
import { CurrentPrincipal, UuidPipe } from '@sitepass/http';
import type { Request, Response } from 'express';
import { Form } from '../form-input';
import { PageContext } from '../layout';
import { Pages } from '../page-context';
import { ResetForms, ResetFrame, unlessUnavailable } from './reset-form';

/**
 * PAY-10 on Pay's pages, `/pay/companies/{id}/resets`: a payee admin resets users of their payee company; platform
 * support resets anyone there, payor-role users with a note of the identity check. Pay's rules decide, through
 * MfaResetService as `POST /v1/pay/companies/{id}/mfa-resets` does; a company that is not the caller's is a 404.
 */
@ApiExcludeController()
@Controller('pay/companies/:companyId/resets')
export class PayResetPages {
  constructor(
    private readonly pages: Pages,
    private readonly forms: ResetForms,
    private readonly resets: MfaResetService,
    private readonly companies: CompanyRepository,
  ) {}

  @Get()
  async showResetForm(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Param('companyId', UuidPipe) companyId: string,
  ): Promise<void> {
    const context = await this.pages.context(request, response, '/pay', true);
    const actor = await unlessUnavailable(this.pages, response, context, () => this.resets.authorizeActor(principal, companyId));
    if (actor) this.forms.show(request, response, context, await this.frame(context, companyId, actor));
  }

  @Post()
  async resetUserMfa(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Param('companyId', UuidPipe) companyId: string,
    @Body() form: Form,
  ): Promise<void> {
    const context = await this.pages.context(request, response, '/pay', true);
    const frame = await this.frame(context, companyId, await this.resets.authorizeActor(principal, companyId));
    await this.forms.submit(response, context, frame, form, (reset) => this.resets.resetMemberMfa(principal, companyId, reset));
  }

  /** The words for this caller: a payee admin is told payors are support's; support is asked for the note for payors. */
  private async frame(context: PageContext, companyId: string, actor: ResetActor): Promise<ResetFrame> {
    const company = (await this.companies.findById(companyId))!.name;
    return {
      action: `/pay/companies/${companyId}/resets`,
      intro:
        actor.role === 'support'
          ? context.t('page.resets.pay.intro.support', { company })
          : context.t('page.resets.pay.intro.payee_admin', { company }),
      noteHint: context.t('page.resets.note.hint.payor'),
    };
  }
}
