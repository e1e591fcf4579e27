import { Company, CompanyPolicy, Factor, Membership, MembershipStatus, ReauthInterval, User } from '@sitepass/database';
import { SubjectFacts } from '@sitepass/auth';
import { earliestEnforcement, evaluateMfaRules } from './mfa-rules';

const HOUR = 3600;
const DAY = 24 * HOUR;
const NOW = new Date('2026-03-02T09:00:00Z');
const LAST_MONTH = '2026-02-02T08:00:00Z';
const LAST_WEEK = '2026-02-23T08:00:00Z';
const NEXT_WEEK = '2026-03-09T07:00:00Z';

interface CompanySetup {
  name: string;
  policy?: { required?: boolean; startsAt: string; reauthInterval?: ReauthInterval };
  ssoDomains?: string[];
  membership?: MembershipStatus;
}

interface UserSetup {
  email?: string;
  alwaysRequireMfa?: boolean;
  activeFactors?: number;
  asOf?: Date;
}

/**
 * Facts shaped as the loader shapes them: memberships with their companies, and the policies of those
 * companies. The loader's query keeps active memberships only; a test that passes another status says so.
 */
function facts(
  companies: CompanySetup[],
  { email = 'pat@builder.example', alwaysRequireMfa = false, activeFactors = 0, asOf = NOW }: UserSetup = {},
): SubjectFacts {
  const memberships = companies.map(({ name, policy, ssoDomains = [], membership = 'active' }) => {
    const company = Object.assign(new Company(), { id: `id-${name}`, name, ssoDomains, payKind: 'none' });
    company.policy = policy
      ? Object.assign(new CompanyPolicy(), {
          companyId: company.id,
          required: policy.required ?? true,
          enforcementStartsAt: new Date(policy.startsAt),
          reauthInterval: policy.reauthInterval ?? '12h',
        })
      : null;
    return Object.assign(new Membership(), { companyId: company.id, company, role: 'member', status: membership, payRoles: [] });
  });
  return {
    user: Object.assign(new User(), { id: 'user', email, alwaysRequireMfa }),
    memberships,
    companyPolicies: memberships.flatMap((membership) => (membership.company.policy ? [membership.company.policy] : [])),
    activeFactors: Array.from({ length: activeFactors }, () => new Factor()),
    asOf,
  };
}

/** Five companies in every state, the strictest interval on the one that is only scheduled. */
const MIXED: CompanySetup[] = [
  { name: 'none' },
  { name: 'off', policy: { required: false, startsAt: LAST_MONTH, reauthInterval: 'every_login' } },
  { name: 'monthly', policy: { startsAt: LAST_MONTH, reauthInterval: '30d' } },
  { name: 'weekly', policy: { startsAt: LAST_WEEK, reauthInterval: '7d' } },
  { name: 'strict', policy: { startsAt: NEXT_WEEK, reauthInterval: 'every_login' } },
];

describe('the standard product’s MFA rules, across several companies and users', () => {
  it('POL-3 POL-5 POL-6 with companies in every state, only the enforcing ones set the interval', () => {
    expect(evaluateMfaRules(facts(MIXED))).toEqual({
      required: true,
      reasons: ['company_policy'],
      enrollmentAvailable: true,
      reauthInterval: '7d',
      reauthIntervalSeconds: 7 * DAY,
      deviceTrustSeconds: 7 * DAY,
    });
  });

  it('POL-3 POL-6 a scheduled company’s stricter interval binds from its enforcement instant, not a millisecond before', () => {
    const starts = new Date(NEXT_WEEK).getTime();
    expect(evaluateMfaRules(facts(MIXED, { asOf: new Date(starts - 1) }))).toMatchObject({
      reauthInterval: '7d',
      deviceTrustSeconds: 7 * DAY,
    });
    expect(evaluateMfaRules(facts(MIXED, { asOf: new Date(starts) }))).toMatchObject({
      reauthInterval: 'every_login',
      reauthIntervalSeconds: 12 * HOUR,
      deviceTrustSeconds: 0,
    });
  });

  it('POL-3 a policy scheduled for later requires nothing until its instant, then requires MFA', () => {
    const scheduled = [{ name: 'a', policy: { startsAt: NEXT_WEEK } }];
    const starts = new Date(NEXT_WEEK).getTime();
    expect(evaluateMfaRules(facts(scheduled, { asOf: new Date(starts - 1) }))).toMatchObject({ required: false, reasons: [] });
    expect(evaluateMfaRules(facts(scheduled, { asOf: new Date(starts) }))).toMatchObject({ required: true, reasons: ['company_policy'] });
  });

  it('POL-3 POL-6 a policy turned off binds nothing, whatever its interval; its enrolled users keep 12 hours', () => {
    const off = [{ name: 'off', policy: { required: false, startsAt: LAST_MONTH, reauthInterval: 'every_login' as const } }];
    expect(evaluateMfaRules(facts(off, { activeFactors: 1 }))).toEqual({
      required: true,
      reasons: ['enrolled'],
      enrollmentAvailable: true,
      reauthInterval: '12h',
      reauthIntervalSeconds: 12 * HOUR,
      deviceTrustSeconds: 12 * HOUR,
    });
  });

  it('POL-4 companies that are all off or without a policy open no enrollment', () => {
    const rules = evaluateMfaRules(facts([{ name: 'none' }, { name: 'off', policy: { required: false, startsAt: NEXT_WEEK } }]));
    expect(rules).toMatchObject({ required: false, reasons: [], enrollmentAvailable: false });
  });

  it('SES-6 POL-6 every_login trusts no device, even for a user who is also enrolled and flagged', () => {
    const rules = evaluateMfaRules(
      facts([{ name: 'strict', policy: { startsAt: LAST_WEEK, reauthInterval: 'every_login' } }], {
        activeFactors: 2,
        alwaysRequireMfa: true,
      }),
    );
    expect(rules).toEqual({
      required: true,
      reasons: ['company_policy', 'enrolled', 'always_require_mfa'],
      enrollmentAvailable: true,
      reauthInterval: 'every_login',
      reauthIntervalSeconds: 12 * HOUR,
      deviceTrustSeconds: 0,
    });
  });

  it('SES-6 POL-6 a scheduled every_login trusts devices for 12 hours until it is enforced', () => {
    const rules = evaluateMfaRules(
      facts([{ name: 'strict', policy: { startsAt: NEXT_WEEK, reauthInterval: 'every_login' } }], { activeFactors: 1 }),
    );
    expect(rules).toMatchObject({ reauthInterval: '12h', reauthIntervalSeconds: 12 * HOUR, deviceTrustSeconds: 12 * HOUR });
  });

  it('LOGIN-2 POL-4 POL-6 the user’s own flag requires MFA and opens enrollment, with no company and no factor, for 12 hours', () => {
    expect(evaluateMfaRules(facts([], { alwaysRequireMfa: true }))).toEqual({
      required: true,
      reasons: ['always_require_mfa'],
      enrollmentAvailable: true,
      reauthInterval: '12h',
      reauthIntervalSeconds: 12 * HOUR,
      deviceTrustSeconds: 12 * HOUR,
    });
    expect(evaluateMfaRules(facts([{ name: 'none' }], { alwaysRequireMfa: true, activeFactors: 1 }))).toMatchObject({
      reasons: ['enrolled', 'always_require_mfa'],
    });
  });

  it('POL-6 a flagged user in an enforcing company gets the company’s interval, not the voluntary 12 hours', () => {
    const rules = evaluateMfaRules(
      facts([{ name: 'monthly', policy: { startsAt: LAST_MONTH, reauthInterval: '30d' } }], { alwaysRequireMfa: true }),
    );
    expect(rules).toMatchObject({
      reasons: ['company_policy', 'always_require_mfa'],
      reauthIntervalSeconds: 30 * DAY,
      deviceTrustSeconds: 30 * DAY,
    });
  });

  it('DIR-5 an SSO user is exempt from every company’s policy, even companies that are not their IdP’s', () => {
    const rules = evaluateMfaRules(
      facts([
        { name: 'idp', ssoDomains: ['builder.example'] },
        { name: 'strict', policy: { startsAt: LAST_WEEK, reauthInterval: 'every_login' } },
      ]),
    );
    expect(rules).toEqual({
      required: false,
      reasons: [],
      enrollmentAvailable: false,
      reauthInterval: '12h',
      reauthIntervalSeconds: 12 * HOUR,
      deviceTrustSeconds: 12 * HOUR,
    });
  });

  it('DIR-5 an SSO user cannot enroll here, even with the flag or a factor from before', () => {
    const sso = [{ name: 'idp', ssoDomains: ['builder.example'], policy: { startsAt: NEXT_WEEK } }];
    expect(evaluateMfaRules(facts(sso, { alwaysRequireMfa: true })).enrollmentAvailable).toBe(false);
    expect(evaluateMfaRules(facts(sso, { activeFactors: 1 })).enrollmentAvailable).toBe(false);
  });

  it('DIR-5 the SSO domain is matched on the whole domain, whatever the email’s case; a subdomain is not the domain', () => {
    const companies = [{ name: 'idp', ssoDomains: ['builder.example'], policy: { startsAt: LAST_WEEK } }];
    expect(evaluateMfaRules(facts(companies, { email: 'Pat@Builder.Example' })).required).toBe(false);
    expect(earliestEnforcement(facts(companies, { email: 'Pat@Builder.Example' }))).toBeNull();
    expect(evaluateMfaRules(facts(companies, { email: 'pat@eu.builder.example' })).required).toBe(true);
    expect(evaluateMfaRules(facts(companies, { email: 'pat@otherbuilder.example' })).required).toBe(true);
  });

  it('LOGIN-2 DIR-5 a membership that is no longer active does not make its member an SSO user', () => {
    const rules = evaluateMfaRules(
      facts([
        { name: 'former-idp', ssoDomains: ['builder.example'], membership: 'inactive' },
        { name: 'weekly', policy: { startsAt: LAST_WEEK, reauthInterval: '7d' } },
      ]),
    );
    expect(rules).toMatchObject({ required: true, reasons: ['company_policy'], enrollmentAvailable: true, reauthInterval: '7d' });
  });

  it('POL-3 the overview names the earliest deadline, not the strictest interval, with its company’s name', () => {
    expect(earliestEnforcement(facts(MIXED))).toEqual({
      companyId: 'id-monthly',
      companyName: 'monthly',
      state: 'enforced',
      enforcementStartsAt: new Date(LAST_MONTH).toISOString(),
      reauthInterval: '30d',
    });
  });

  it('POL-3 the overview names a scheduled deadline when none is enforced, and nothing when all are off', () => {
    expect(earliestEnforcement(facts(MIXED.filter((company) => company.name === 'off' || company.name === 'strict')))).toMatchObject({
      companyName: 'strict',
      state: 'scheduled',
      enforcementStartsAt: new Date(NEXT_WEEK).toISOString(),
    });
    expect(earliestEnforcement(facts(MIXED.filter((company) => company.name === 'off' || company.name === 'none')))).toBeNull();
  });
});
