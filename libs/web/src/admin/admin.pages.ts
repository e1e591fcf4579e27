import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  CompanyAdminCheck,
  CompanyAuditService,
  CompanyPolicyService,
  DomainError,
  isIanaTimeZone,
  MemberStatusService,
  Principal,
} from '@sitepass/auth';
import { REAUTH_INTERVALS, ReauthInterval } from '@sitepass/database';
import { CurrentPrincipal } from '@sitepass/http';
import { phrase } from '@sitepass/i18n';
import type { Request, Response } from 'express';
import { FieldErrors } from '../forms';
import { localPath, Pages } from '../page-context';
import { AdminConsole, ConsoleCall } from './admin-console';
import { placeRefusal, textField } from './admin-forms';
import type { Form } from '../form-input';
import { statusOf } from '../page-errors';
import { leaveNotice } from './admin-notice';
import { auditPage } from './audit.views';
import { companiesPage, consoleBase } from './console.views';
import { AdminMembersPages } from './members.pages';
import { pageRequestOf } from './paging';
import { PolicyForm, policyFormOf, policyPage } from './policy.views';
import { rememberViewerZone } from './time-zones';

/**
 * WEB-5: the company admin console's start, the policy editor (POL-1 to POL-3), the audit list (AUD-2) and the
 * admin's time zone, on CompanyPolicyService and CompanyAuditService as the JSON API calls them. Refusals are
 * shown beside their fields (WEB-8); every form is a plain POST answered with a redirect and a notice (WEB-9).
 */
@ApiExcludeController()
@Controller('admin')
export class AdminConsolePages {
  constructor(
    private readonly pages: Pages,
    private readonly console: AdminConsole,
    private readonly admins: CompanyAdminCheck,
    private readonly policies: CompanyPolicyService,
    private readonly members: MemberStatusService,
    private readonly audit: CompanyAuditService,
  ) {}

  /** The companies the signed-in person administers. */
  @Get()
  async showCompanies(@Req() request: Request, @Res() response: Response, @CurrentPrincipal() principal: Principal): Promise<void> {
    const context = await this.pages.context(request, response, '', true);
    this.pages.send(response, context, companiesPage(context, await this.admins.companiesOf(principal.userId)));
  }

  @Get('companies/:companyId')
  showPolicy(@Res() response: Response, @ConsoleCall() call: ConsoleCall): Promise<void> {
    return this.renderPolicy(call, response);
  }

  /**
   * POL-1, POL-2: the whole policy, as PUT …/mfa-policy takes it; a refused one is shown again with its errors.
   * PASSKEY-3's passwordless flag is part of it only where the policy shows it (passkeys are offered): elsewhere
   * the form has no such box, and its absence must not read as "unticked".
   */
  @Post('companies/:companyId/policy')
  async savePolicy(@Res() response: Response, @ConsoleCall() call: ConsoleCall, @Body() body: Form): Promise<void> {
    const saved = await this.policies.getPolicy(call.principal.userId, call.companyId);
    const form: PolicyForm = {
      required: textField(body, 'required') === 'yes',
      enforcementDate: textField(body, 'enforcementDate', 32),
      timeZone: textField(body, 'timeZone', 64),
      reauthInterval: textField(body, 'reauthInterval', 32),
      zoneIsFallback: false,
      ...(saved.passwordlessAllowed === undefined ? {} : { passwordlessAllowed: textField(body, 'passwordlessAllowed') === 'yes' }),
    };
    const context = await this.pages.context(call.request, response, '', true);
    if (!(REAUTH_INTERVALS as readonly string[]).includes(form.reauthInterval)) {
      const errors = { reauthInterval: context.t('page.admin.policy.interval.invalid') };
      return this.renderPolicy(call, response, { form, errors, status: 400 });
    }
    try {
      const input = { ...form, reauthInterval: form.reauthInterval as ReauthInterval };
      await this.policies.setPolicy(call.principal.userId, call.companyId, input);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors = placeRefusal(
        context,
        error,
        { invalid_enforcement_date: 'enforcementDate' },
        { enforcementDate: 'page.admin.policy.date.invalid', timeZone: 'page.admin.policy.zone.invalid' },
      );
      if (!errors) throw error;
      return this.renderPolicy(call, response, { form, errors, status: statusOf(error) });
    }
    leaveNotice(response, { kind: 'policy_saved' });
    response.redirect(303, consoleBase(call.companyId));
  }

  /** AUD-2: the company's audit list, as GET …/audit-events serves it. */
  @Get('companies/:companyId/audit')
  async showAudit(@Res() response: Response, @ConsoleCall() call: ConsoleCall, @Query() query: Form): Promise<void> {
    const { context, frame } = await this.console.open(call, response, 'audit');
    const page = await this.audit.listEvents(call.principal.userId, call.companyId, pageRequestOf(query));
    this.pages.send(response, context, auditPage(context, { frame, page }));
  }

  /** The admin's own time zone for the console's times; back to the page the form was on. */
  @Post('time-zone')
  chooseTimeZone(@Res() response: Response, @Body() body: Form): void {
    const zone = textField(body, 'zone', 64);
    if (!isIanaTimeZone(zone)) throw DomainError.validation([{ field: 'zone', problem: phrase('validation.time_zone') }]);
    rememberViewerZone(response, zone);
    const next = localPath(body.next);
    response.redirect(303, next === '/admin' || next?.startsWith('/admin/') ? next : '/admin');
  }

  private async renderPolicy(
    call: ConsoleCall,
    response: Response,
    refused?: { form: PolicyForm; errors: FieldErrors; status: number },
  ): Promise<void> {
    const { context, frame } = await this.console.open(call, response, 'policy');
    const { principal, companyId } = call;
    const [policy, { totals }] = await Promise.all([
      this.policies.getPolicy(principal.userId, companyId),
      this.members.listMemberStatus(principal.userId, companyId, { page: 1, pageSize: 1 }),
    ]);
    const view = { frame, policy, totals, form: refused?.form ?? policyFormOf(policy), errors: refused?.errors };
    this.pages.send(response, context, policyPage(context, view), refused?.status);
  }
}

/** The console's page controllers, for the standard app to mount (its `/admin` pages prefix). */
export const ADMIN_CONSOLE_PAGES = [AdminConsolePages, AdminMembersPages];
