import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Principal, SupportResetService } from '@sitepass/auth';
import { CurrentPrincipal } from '@sitepass/http';
import type { Request, Response } from 'express';
import { Form } from '../form-input';
import { PageContext } from '../layout';
import { Pages } from '../page-context';
import { ResetForms, ResetFrame, unlessUnavailable } from './reset-form';

/**
 * RESET-5 on the standard product's pages, `/support/resets`: platform support, signed in with a second factor,
 * resets any user's MFA by sign-in email, whatever their companies' policies say, attesting the identity check
 * and noting how it was done, through SupportResetService as `POST /v1/support/mfa-resets` does.
 */
@ApiExcludeController()
@Controller('support/resets')
export class SupportResetPages {
  constructor(
    private readonly pages: Pages,
    private readonly forms: ResetForms,
    private readonly resets: SupportResetService,
  ) {}

  @Get()
  async showResetForm(@Req() request: Request, @Res() response: Response, @CurrentPrincipal() principal: Principal): Promise<void> {
    const context = await this.pages.context(request, response, '', true);
    if (await unlessUnavailable(this.pages, response, context, () => this.resets.authorizeSupport(principal))) {
      this.forms.show(request, response, context, frame(context));
    }
  }

  @Post()
  async resetUserMfa(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
    @Body() form: Form,
  ): Promise<void> {
    const context = await this.pages.context(request, response, '', true);
    await this.forms.submit(response, context, frame(context), form, (reset) => this.resets.resetUserMfa(principal, reset));
  }
}

function frame(context: PageContext): ResetFrame {
  return {
    action: '/support/resets',
    intro: context.t('page.resets.support.intro'),
    noteHint: context.t('page.resets.note.hint.required'),
  };
}
