import { Injectable } from '@nestjs/common';
import { EnforcementNotice, FactorType, MfaRequirement, ProductPolicy, RequirementReason, SubjectFacts } from '@sitepass/auth';
import { MFA_REQUIRED_PAY_ROLES, PAYOR_ROLES, payRolesOf } from '@sitepass/database';

/** Pay's refresh interval: its idle timeout (PAY-8) keeps the Payments tool itself much tighter. */
const REAUTH_INTERVAL_SECONDS = 12 * 3600;

/** PAY-5: payors prove an authenticator app; payee admins an app or a US mobile number. */
export const PAYOR_FACTOR_TYPES: readonly FactorType[] = ['totp'];
export const PAYEE_ADMIN_FACTOR_TYPES: readonly FactorType[] = ['totp', 'sms'];

/**
 * Pay's rules, passed to the shared core (PAY-2, PAY-3, PAY-4): MFA for every holder of an
 * MFA-required role, whatever any company policy says; payor roles use an authenticator app only,
 * payee admins an app or a US mobile number, a user with both gets the stricter rule; no trusted devices.
 * Platform support, who reset payors' MFA in Pay (PAY-10), are held to the payor rule, and the locked
 * "always require MFA" switch of a user holds here too.
 */
@Injectable()
export class PayPolicy implements ProductPolicy {
  readonly audience = 'pay' as const;
  /** PAY-11: users of a company with an identity provider sign in there, and still prove Pay's factors here. */
  readonly ssoUsersEnroll = true;

  evaluate(facts: SubjectFacts): MfaRequirement {
    const roles = payRolesOf(facts.memberships).filter((role) => MFA_REQUIRED_PAY_ROLES.includes(role));
    const support = facts.user.support;
    const payor = support || roles.some((role) => (PAYOR_ROLES as readonly string[]).includes(role));
    const reasons: RequirementReason[] = [
      ...(roles.length > 0 ? (['pay_role'] as const) : []),
      ...(support ? (['support_staff'] as const) : []),
      ...(facts.user.alwaysRequireMfa ? (['always_require_mfa'] as const) : []),
    ];
    const allowedFactorTypes = [...(payor ? PAYOR_FACTOR_TYPES : PAYEE_ADMIN_FACTOR_TYPES)];
    return {
      required: reasons.length > 0,
      reasons,
      allowedFactorTypes,
      smsCountries: ['US'],
      enrollmentAvailable: reasons.length > 0,
      reauthIntervalSeconds: REAUTH_INTERVAL_SECONDS,
      deviceTrustSeconds: 0,
    };
  }

  /** Pay's MFA has no deadline: it is mandatory from the first sign-in (PAY-2). */
  enforcementNotice(): EnforcementNotice | null {
    return null;
  }
}
