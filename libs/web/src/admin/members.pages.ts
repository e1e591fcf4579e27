import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ErrorCode, MemberMfaStatus, MemberStatusService, MfaResetService } from '@sitepass/auth';
import { Clock } from '@sitepass/common';
import type { Response } from 'express';
import { FieldErrors } from '../forms';
import { Pages } from '../page-context';
import { AdminConsole, ConsoleCall } from './admin-console';
import { FORM, placeRefusal, textField } from './admin-forms';
import type { Form } from '../form-input';
import { statusOf } from '../page-errors';
import { leaveNotice } from './admin-notice';
import { consoleBase } from './console.views';
import { CSV_BOM, csvLine } from './csv';
import { enrolledFilterOf, MEMBER_COLUMNS, membersPage, resetPage } from './members.views';
import { pageRequestOf } from './paging';

/** Members fetched per call of the status service while writing the CSV: every page, not only the one on screen. */
const CSV_BATCH = 500;

/** RESET-1, RESET-3: where each refusal of a reset is shown; the member's refusals beside their email. */
const RESET_REFUSALS: Partial<Record<ErrorCode, string>> = {
  not_found: 'email',
  cannot_reset_self: 'email',
  sso_user: 'email',
  pay_support_required: 'email',
  support_user: 'email',
  reset_not_available: FORM,
  reauthentication_required: FORM,
};

/**
 * WEB-5: the members' MFA status (POL-7) with its CSV, and the reset of a member (RESET-1 to RESET-4), on
 * MemberStatusService and MfaResetService exactly as the JSON API calls them.
 */
@ApiExcludeController()
@Controller('admin/companies/:companyId')
export class AdminMembersPages {
  constructor(
    private readonly pages: Pages,
    private readonly console: AdminConsole,
    private readonly members: MemberStatusService,
    private readonly resets: MfaResetService,
    private readonly clock: Clock,
  ) {}

  @Get('members')
  async showMembers(@Res() response: Response, @ConsoleCall() call: ConsoleCall, @Query() query: Form): Promise<void> {
    const { context, frame } = await this.console.open(call, response, 'members');
    const filter = enrolledFilterOf(query.enrolled);
    const page = await this.members.listMemberStatus(call.principal.userId, call.companyId, { ...pageRequestOf(query), enrolled: filter });
    this.pages.send(response, context, membersPage(context, { frame, page, filter }));
  }

  /**
   * The whole list under the page's filter, as a spreadsheet opens it: the headings in the reader's language,
   * the values as the API gives them (role and factor type names, ISO 8601 times in UTC), so that a file sorts
   * and filters the same whoever downloaded it.
   */
  @Get('members.csv')
  async downloadMembers(@Res() response: Response, @ConsoleCall() call: ConsoleCall, @Query() query: Form): Promise<void> {
    const enrolled = enrolledFilterOf(query.enrolled);
    const lines: string[] = [];
    for (let page = 1; ; page += 1) {
      const batch = await this.members.listMemberStatus(call.principal.userId, call.companyId, { page, pageSize: CSV_BATCH, enrolled });
      lines.push(...batch.items.map(memberLine));
      if (batch.items.length < CSV_BATCH || page * CSV_BATCH >= batch.total) break;
    }
    const { t, locale } = await this.pages.context(call.request, response, '', true);
    const filter = enrolled === undefined ? 'all' : enrolled ? 'enrolled' : 'not-enrolled';
    const day = this.clock.now().toISOString().slice(0, 10);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Language', locale);
    response.setHeader('Content-Disposition', `attachment; filename="members-${filter}-${day}.csv"`);
    response.send(CSV_BOM + csvLine(MEMBER_COLUMNS.map((column) => t(column))) + lines.join(''));
  }

  @Get('reset')
  async showReset(@Res() response: Response, @ConsoleCall() call: ConsoleCall): Promise<void> {
    const { context, frame } = await this.console.open(call, response, 'reset');
    this.pages.send(response, context, resetPage(context, { frame, email: '', identityVerified: false }));
  }

  /** RESET-1: the admin's session must have proven a factor, and the admin attests the member's identity. */
  @Post('reset')
  async resetMember(@Res() response: Response, @ConsoleCall() call: ConsoleCall, @Body() body: Form): Promise<void> {
    const { context, frame } = await this.console.open(call, response, 'reset');
    const email = textField(body, 'email');
    const identityVerified = textField(body, 'identityVerified') === 'yes';
    const refuse = (errors: FieldErrors, status: number) =>
      this.pages.send(response, context, resetPage(context, { frame, email, identityVerified, errors }), status);
    if (!email) return refuse({ email: context.t('page.admin.reset.email.required') }, 400);
    try {
      const reset = await this.resets.resetMemberMfa(call.principal, call.companyId, { email, identityVerified });
      leaveNotice(response, { kind: 'member_reset', email, factorsRevoked: reset.factorsRevoked, sessionsRevoked: reset.sessionsRevoked });
      response.redirect(303, `${consoleBase(call.companyId)}/reset`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors = placeRefusal(context, error, RESET_REFUSALS, { identityVerified: 'page.admin.reset.verified.required' });
      if (!errors) throw error;
      refuse(errors, statusOf(error));
    }
  }
}

function memberLine(member: MemberMfaStatus): string {
  return csvLine([
    member.email,
    member.role,
    member.factorTypes.join(' '),
    String(member.enrolled),
    member.lastMfaAt ? member.lastMfaAt.toISOString() : '',
  ]);
}
