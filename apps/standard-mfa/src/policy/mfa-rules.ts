import type { EnforcementNotice, RequirementReason, SubjectFacts } from '@sitepass/auth';
import { CompanyPolicy, isSsoUser, PolicyState, ReauthInterval } from '@sitepass/database';

const HOUR = 3600;
/** A user enrolled only voluntarily, or whose companies ask for `every_login`, refreshes for 12 hours (POL-6). */
export const VOLUNTARY_REAUTH_SECONDS = 12 * HOUR;

/** Shortest first: the order in which a stricter interval wins (POL-6). */
const INTERVALS_BY_STRICTNESS: readonly ReauthInterval[] = ['every_login', '12h', '7d', '30d'];

const INTERVAL_SECONDS: Record<ReauthInterval, { reauthIntervalSeconds: number; deviceTrustSeconds: number }> = {
  // No device is ever trusted (SES-6); a session still refreshes for 12 hours after its MFA (SES-5).
  every_login: { reauthIntervalSeconds: VOLUNTARY_REAUTH_SECONDS, deviceTrustSeconds: 0 },
  '12h': { reauthIntervalSeconds: 12 * HOUR, deviceTrustSeconds: 12 * HOUR },
  '7d': { reauthIntervalSeconds: 7 * 24 * HOUR, deviceTrustSeconds: 7 * 24 * HOUR },
  '30d': { reauthIntervalSeconds: 30 * 24 * HOUR, deviceTrustSeconds: 30 * 24 * HOUR },
};

/** What the company policies, the user's factors and the user's own flag demand of the user. */
export interface MfaRules {
  required: boolean;
  reasons: RequirementReason[];
  enrollmentAvailable: boolean;
  reauthInterval: ReauthInterval;
  reauthIntervalSeconds: number;
  deviceTrustSeconds: number;
}

/**
 * The standard product's rules, as of `facts.asOf`:
 * - LOGIN-2, POL-5: MFA is required when any active membership's company enforces it, when the user has an
 *   active factor, or when the user's `alwaysRequireMfa` is set. Inactive memberships are not in the facts.
 * - RESET-2, RESET-5: a reset makes the next sign-in an enrollment until a factor is confirmed again, even
 *   where no policy binds the user (support resets users of companies whose policy is off).
 * - POL-4: enrollment outside a forced sign-in is open once any company is scheduled or enforced, or MFA is
 *   required of the user for any reason.
 * - POL-6: the shortest `reauthInterval` among the enforcing companies; 12 hours otherwise.
 * - DIR-5: no company policy binds an SSO user, and nothing is enrolled here: their IdP does their MFA.
 */
export function evaluateMfaRules(facts: SubjectFacts): MfaRules {
  const sso = isSsoUser(facts.user, facts.memberships);
  const binding = sso ? [] : facts.companyPolicies;
  const enforcing = binding.filter((policy) => policy.stateAt(facts.asOf) === 'enforced');
  const reasons: RequirementReason[] = [];
  if (enforcing.length > 0) reasons.push('company_policy');
  if (facts.activeFactors.length > 0) reasons.push('enrolled');
  if (facts.user.alwaysRequireMfa) reasons.push('always_require_mfa');
  if (!sso && facts.user.mfaReenrollmentRequired && facts.activeFactors.length === 0) reasons.push('mfa_reset');
  const announced = binding.some((policy) => policy.stateAt(facts.asOf) !== 'off');
  const reauthInterval = shortestInterval(enforcing);
  return {
    required: reasons.length > 0,
    reasons,
    enrollmentAvailable: !sso && (announced || reasons.length > 0),
    reauthInterval,
    ...INTERVAL_SECONDS[reauthInterval],
  };
}

/** The earliest deadline among the user's scheduled or enforced companies: the one that binds first. */
export function earliestEnforcement(facts: SubjectFacts): EnforcementNotice | null {
  if (isSsoUser(facts.user, facts.memberships)) return null;
  const [first] = facts.companyPolicies
    .filter((policy) => policy.stateAt(facts.asOf) !== 'off')
    .sort((a, b) => a.enforcementStartsAt.getTime() - b.enforcementStartsAt.getTime());
  if (!first) return null;
  const company = facts.memberships.find((membership) => membership.companyId === first.companyId)?.company;
  return {
    companyId: first.companyId,
    companyName: company?.name ?? '',
    state: first.stateAt(facts.asOf) as Exclude<PolicyState, 'off'>,
    enforcementStartsAt: first.enforcementStartsAt.toISOString(),
    reauthInterval: first.reauthInterval,
  };
}

function shortestInterval(enforcing: CompanyPolicy[]): ReauthInterval {
  const chosen = enforcing.map((policy) => INTERVALS_BY_STRICTNESS.indexOf(policy.reauthInterval));
  return chosen.length > 0 ? INTERVALS_BY_STRICTNESS[Math.min(...chosen)]! : '12h';
}
