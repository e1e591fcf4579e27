import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@sitepass/common';
import { DataSource } from 'typeorm';
import {
  AuditEventRepository,
  CompanyPolicy,
  CompanyPolicyRepository,
  CompanyRepository,
  PolicyState,
  PolicyTerms,
  ReauthInterval,
} from '@sitepass/database';
import { CompanyAdminCheck } from '../directory/company-admin-check';
import { phrase } from '@sitepass/i18n';
import { DomainError, FieldProblem } from '../errors/domain.error';
import { enabledFactorTypes } from '../factor-types/registry';
import { PolicyNotices } from './policy-notices';
import { calendarDateIn, isIanaTimeZone, normalizeTimeZone, parseCalendarDate, startOfDayIn } from './zoned-date';

export interface PolicyInput {
  required: boolean;
  enforcementDate: string;
  timeZone: string;
  reauthInterval?: ReauthInterval;
  /** PASSKEY-3: whether members may sign in with a passkey alone; unchanged when not given (true for a new policy). */
  passwordlessAllowed?: boolean;
}

/** A company's policy as its admin sees it; a company that never set one is `off` at version 0. */
export interface PolicyView {
  companyId: string;
  required: boolean;
  enforcementDate: string | null;
  timeZone: string | null;
  reauthInterval: ReauthInterval;
  /** PASSKEY-3, where this deployment offers passkeys: whether members may sign in with one alone. */
  passwordlessAllowed?: boolean;
  state: PolicyState;
  enforcementStartsAt: string | null;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** POL-1 to POL-3, AUD-1: a company admin reads and sets the company's MFA policy. */
@Injectable()
export class CompanyPolicyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly admins: CompanyAdminCheck,
    private readonly policies: CompanyPolicyRepository,
    private readonly companies: CompanyRepository,
    private readonly audit: AuditEventRepository,
    private readonly notices: PolicyNotices,
    private readonly clock: Clock,
    @Inject(CONFIG) config: SitepassConfig,
  ) {
    this.passkeysOffered = enabledFactorTypes(config).includes('webauthn');
  }

  /** The passwordless flag means something only where passkeys are offered; elsewhere it is neither shown nor audited. */
  private readonly passkeysOffered: boolean;

  async getPolicy(actorUserId: string, companyId: string): Promise<PolicyView> {
    await this.admins.assertAdmin(actorUserId, companyId);
    return this.view(companyId, await this.policies.findByCompany(companyId), this.clock.now());
  }

  /** POL-2: the instant is 00:00 of the date in the admin's zone; saving never enforces anything early. */
  async setPolicy(actorUserId: string, companyId: string, input: PolicyInput): Promise<PolicyView> {
    await this.admins.assertAdmin(actorUserId, companyId);
    return this.db.transaction(async (manager) => {
      await this.companies.lockForChange(manager, companyId);
      const before = await this.policies.findByCompany(companyId, manager);
      const terms = termsOf(input, before);
      const now = this.clock.now();
      assertNotBackdated(terms, before, now);
      const after = await this.policies.save(companyId, terms, actorUserId, now, manager);
      await this.notices.policySaved(manager, before, after, now);
      await this.audit.record(
        {
          type: 'policy.changed',
          actorUserId,
          companyId,
          data: { version: after.version, before: this.audited(before), after: this.audited(after) },
        },
        manager,
      );
      return this.view(companyId, after, now);
    });
  }

  private view(companyId: string, policy: CompanyPolicy | null, now: Date): PolicyView {
    const view = policyView(companyId, policy, now);
    return this.passkeysOffered ? { ...view, passwordlessAllowed: policy?.passwordlessAllowed ?? true } : view;
  }

  private audited(policy: CompanyPolicy | null): Record<string, unknown> | null {
    const terms = auditedTerms(policy);
    return terms && this.passkeysOffered ? { ...terms, passwordlessAllowed: policy!.passwordlessAllowed } : terms;
  }
}

/** SEC-2: a real calendar date and a zone the runtime knows, or field errors; then the UTC instant. */
function termsOf(input: PolicyInput, before: CompanyPolicy | null): PolicyTerms {
  const errors: FieldProblem[] = [];
  if (!parseCalendarDate(input.enforcementDate)) errors.push({ field: 'enforcementDate', problem: phrase('validation.calendar_date') });
  if (!isIanaTimeZone(input.timeZone)) errors.push({ field: 'timeZone', problem: phrase('validation.time_zone') });
  if (errors.length > 0) throw DomainError.validation(errors);
  const timeZone = normalizeTimeZone(input.timeZone);
  return {
    required: input.required,
    enforcementDate: input.enforcementDate,
    timeZone,
    enforcementStartsAt: startOfDayIn(input.enforcementDate, timeZone),
    reauthInterval: input.reauthInterval ?? '12h',
    passwordlessAllowed: input.passwordlessAllowed ?? before?.passwordlessAllowed ?? true,
  };
}

/**
 * POL-2: a required policy may start today (at once, if midnight has passed) but not on an earlier day
 * in the admin's zone. Saving an enforced policy again with its date and zone unchanged (to change the
 * interval, say) is no backdating, and a policy that is not required enforces nothing on any date.
 */
function assertNotBackdated(terms: PolicyTerms, before: CompanyPolicy | null, now: Date): void {
  if (!terms.required) return;
  const today = calendarDateIn(now, terms.timeZone);
  if (terms.enforcementDate >= today) return;
  const unchanged = before?.required && before.enforcementDate === terms.enforcementDate && before.timeZone === terms.timeZone;
  if (unchanged) return;
  throw DomainError.of('error.invalid_enforcement_date', { today }, { args: { timeZone: terms.timeZone } });
}

function auditedTerms(policy: CompanyPolicy | null): Record<string, unknown> | null {
  if (!policy) return null;
  const { required, enforcementDate, timeZone, reauthInterval } = policy;
  return { required, enforcementDate, timeZone, reauthInterval, enforcementStartsAt: policy.enforcementStartsAt.toISOString() };
}

function policyView(companyId: string, policy: CompanyPolicy | null, now: Date): PolicyView {
  return {
    companyId,
    required: policy?.required ?? false,
    enforcementDate: policy?.enforcementDate ?? null,
    timeZone: policy?.timeZone ?? null,
    reauthInterval: policy?.reauthInterval ?? '12h',
    state: policy?.stateAt(now) ?? 'off',
    enforcementStartsAt: policy?.enforcementStartsAt.toISOString() ?? null,
    version: policy?.version ?? 0,
    updatedAt: policy?.updatedAt.toISOString() ?? null,
    updatedBy: policy?.updatedBy ?? null,
  };
}
