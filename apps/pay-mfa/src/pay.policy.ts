import { Injectable } from '@nestjs/common';
import { FactorType, MFA_REQUIRED_PAY_ROLES, MfaRequirement, PAYOR_ROLES, payRolesOf, ProductPolicy, SubjectFacts } from '@sitepass/auth';

/** Pay's refresh interval: its idle timeout (PAY-8) keeps the Payments tool itself much tighter. */
const REAUTH_INTERVAL_SECONDS = 12 * 3600;

/**
 * Pay's rules, passed to the shared core (PAY-2, PAY-3, PAY-4): MFA for every holder of an
 * MFA-required role, whatever any company policy says; payor roles use an authenticator app only,
 * payee admins an app or a US mobile number, a user with both gets the stricter rule; no trusted devices.
 */
@Injectable()
export class PayPolicy implements ProductPolicy {
  readonly audience = 'pay' as const;

  evaluate(facts: SubjectFacts): MfaRequirement {
    const roles = payRolesOf(facts.memberships).filter((role) => MFA_REQUIRED_PAY_ROLES.includes(role));
    const payor = roles.some((role) => (PAYOR_ROLES as readonly string[]).includes(role));
    const allowedFactorTypes: FactorType[] = payor ? ['totp'] : roles.length > 0 ? ['totp', 'sms'] : [];
    return {
      required: roles.length > 0,
      reasons: roles.length > 0 ? ['pay_role'] : [],
      allowedFactorTypes,
      smsCountries: ['US'],
      enrollmentAvailable: roles.length > 0,
      reauthIntervalSeconds: REAUTH_INTERVAL_SECONDS,
      deviceTrustSeconds: 0,
    };
  }
}
