import { Company, CompanyPolicy, Factor, Membership, ReauthInterval, User } from '@sitepass/database';
import { SubjectFacts } from '@sitepass/auth';
import { earliestEnforcement, evaluateMfaRules } from './mfa-rules';

const NOW = new Date('2026-03-02T09:00:00Z');
const HOUR = 3600;
const PAST = '2026-03-01T08:00:00Z';
const FUTURE = '2026-03-09T07:00:00Z';

interface CompanySetup {
  name: string;
  policy?: { required?: boolean; startsAt: string; reauthInterval?: ReauthInterval };
  ssoDomains?: string[];
}

/** Facts as the loader builds them: active memberships, each company with its policy joined in. */
function facts(companies: CompanySetup[], user: Partial<User> = {}, activeFactors = 0): SubjectFacts {
  const memberships = companies.map(({ name, policy, ssoDomains = [] }) => {
    const company = Object.assign(new Company(), { id: `id-${name}`, name, ssoDomains, payKind: 'none' });
    company.policy = policy
      ? Object.assign(new CompanyPolicy(), {
          companyId: company.id,
          required: policy.required ?? true,
          enforcementStartsAt: new Date(policy.startsAt),
          reauthInterval: policy.reauthInterval ?? '12h',
        })
      : null;
    return Object.assign(new Membership(), { companyId: company.id, company, role: 'member', status: 'active', payRoles: [] });
  });
  return {
    user: Object.assign(new User(), { id: 'user', email: 'pat@builder.example', alwaysRequireMfa: false, ...user }),
    memberships,
    companyPolicies: memberships.flatMap((membership) => (membership.company.policy ? [membership.company.policy] : [])),
    activeFactors: Array.from({ length: activeFactors }, () => new Factor()),
    asOf: NOW,
  };
}

describe('the standard product’s MFA rules', () => {
  it('LOGIN-2 POL-3 nobody needs MFA without an enforced policy, a factor or the flag; a scheduled policy only opens enrollment', () => {
    expect(evaluateMfaRules(facts([{ name: 'a' }]))).toMatchObject({ required: false, reasons: [], enrollmentAvailable: false });
    expect(evaluateMfaRules(facts([{ name: 'a', policy: { startsAt: FUTURE } }]))).toMatchObject({
      required: false,
      enrollmentAvailable: true,
    });
    expect(evaluateMfaRules(facts([{ name: 'a', policy: { startsAt: PAST, required: false } }]))).toMatchObject({
      required: false,
      enrollmentAvailable: false,
    });
  });

  it('LOGIN-2 requires MFA from the enforcement instant on, for an enrolled user, and for the flag', () => {
    expect(evaluateMfaRules(facts([{ name: 'a', policy: { startsAt: NOW.toISOString() } }]))).toMatchObject({
      required: true,
      reasons: ['company_policy'],
    });
    expect(evaluateMfaRules(facts([], {}, 1))).toMatchObject({ required: true, reasons: ['enrolled'], enrollmentAvailable: true });
    expect(evaluateMfaRules(facts([], { alwaysRequireMfa: true }))).toMatchObject({ required: true, reasons: ['always_require_mfa'] });
  });

  it('RESET-2 RESET-5 after a reset the user owes a factor, with no policy binding them, until one is confirmed; never an SSO user', () => {
    expect(evaluateMfaRules(facts([{ name: 'a' }], { mfaReenrollmentRequired: true }))).toMatchObject({
      required: true,
      reasons: ['mfa_reset'],
      enrollmentAvailable: true,
    });
    expect(evaluateMfaRules(facts([{ name: 'a' }], { mfaReenrollmentRequired: true }, 1)).reasons).toEqual(['enrolled']);
    const sso = [{ name: 'sso', ssoDomains: ['builder.example'] }];
    expect(evaluateMfaRules(facts(sso, { mfaReenrollmentRequired: true }))).toMatchObject({ required: false, enrollmentAvailable: false });
  });

  it('POL-5 a member of several companies is challenged if any of them enforces MFA', () => {
    const rules = evaluateMfaRules(
      facts([{ name: 'a' }, { name: 'b', policy: { startsAt: FUTURE } }, { name: 'c', policy: { startsAt: PAST } }]),
    );
    expect(rules).toMatchObject({ required: true, reasons: ['company_policy'], enrollmentAvailable: true });
  });

  it('POL-6 the shortest interval among the enforcing companies wins; scheduled ones do not count yet', () => {
    const rules = evaluateMfaRules(
      facts([
        { name: 'a', policy: { startsAt: PAST, reauthInterval: '30d' } },
        { name: 'b', policy: { startsAt: PAST, reauthInterval: '7d' } },
        { name: 'c', policy: { startsAt: FUTURE, reauthInterval: 'every_login' } },
      ]),
    );
    expect(rules).toMatchObject({ reauthInterval: '7d', reauthIntervalSeconds: 7 * 24 * HOUR, deviceTrustSeconds: 7 * 24 * HOUR });
  });

  it('POL-6 every_login trusts no device and keeps a 12-hour refresh; 12 hours for a voluntarily enrolled user', () => {
    const everyLogin = evaluateMfaRules(
      facts([
        { name: 'a', policy: { startsAt: PAST, reauthInterval: 'every_login' } },
        { name: 'b', policy: { startsAt: PAST, reauthInterval: '7d' } },
      ]),
    );
    expect(everyLogin).toMatchObject({ reauthInterval: 'every_login', reauthIntervalSeconds: 12 * HOUR, deviceTrustSeconds: 0 });
    const voluntary = evaluateMfaRules(facts([{ name: 'a', policy: { startsAt: FUTURE, reauthInterval: '30d' } }], {}, 1));
    expect(voluntary).toMatchObject({
      required: true,
      reasons: ['enrolled'],
      reauthIntervalSeconds: 12 * HOUR,
      deviceTrustSeconds: 12 * HOUR,
    });
  });

  it('DIR-5 no company policy binds an SSO user, nor offers them enrollment', () => {
    const sso = facts([
      { name: 'idp', ssoDomains: ['builder.example'], policy: { startsAt: PAST } },
      { name: 'b', policy: { startsAt: PAST } },
    ]);
    expect(evaluateMfaRules(sso)).toMatchObject({ required: false, reasons: [], enrollmentAvailable: false });
    expect(earliestEnforcement(sso)).toBeNull();
  });

  it('POL-3 the overview names the earliest scheduled or enforced deadline among the user’s companies', () => {
    const notice = earliestEnforcement(
      facts([
        { name: 'late', policy: { startsAt: FUTURE } },
        { name: 'off', policy: { startsAt: PAST, required: false } },
        { name: 'early', policy: { startsAt: PAST, reauthInterval: '7d' } },
      ]),
    );
    expect(notice).toEqual({
      companyId: 'id-early',
      companyName: 'early',
      state: 'enforced',
      enforcementStartsAt: new Date(PAST).toISOString(),
      reauthInterval: '7d',
    });
  });
});
