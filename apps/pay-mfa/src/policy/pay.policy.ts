import { Inject, Injectable } from '@nestjs/common';
import {
  enabledFactorTypes,
  EnforcementNotice,
  FactorType,
  MfaRequirement,
  passwordlessAllowedBy,
  ProductPolicy,
  RequirementReason,
  SubjectFacts,
} from '@sitepass/auth';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { MFA_REQUIRED_PAY_ROLES, PAYOR_ROLES, payRolesOf } from '@sitepass/database';

/** Pay's refresh interval: its idle timeout (PAY-8) keeps the Payments tool itself much tighter. */
const REAUTH_INTERVAL_SECONDS = 12 * 3600;

/**
 * PAY-5: payors prove an authenticator app; payee admins an app or a US mobile number. PASSKEY-4: every
 * role may prove a passkey, where this deployment offers them.
 */
const PAYOR_FACTOR_TYPES: readonly FactorType[] = ['totp', 'webauthn'];
const PAYEE_ADMIN_FACTOR_TYPES: readonly FactorType[] = ['totp', 'sms', 'webauthn'];

/** The factor types of payors and of payee admins that this deployment offers. */
export function payFactorTypes(config: SitepassConfig): { payor: FactorType[]; payeeAdmin: FactorType[] } {
  const enabled = enabledFactorTypes(config);
  return {
    payor: PAYOR_FACTOR_TYPES.filter((type) => enabled.includes(type)),
    payeeAdmin: PAYEE_ADMIN_FACTOR_TYPES.filter((type) => enabled.includes(type)),
  };
}

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

  private readonly factorTypes: { payor: FactorType[]; payeeAdmin: FactorType[] };

  constructor(@Inject(CONFIG) config: SitepassConfig) {
    this.factorTypes = payFactorTypes(config);
  }

  evaluate(facts: SubjectFacts): MfaRequirement {
    const roles = payRolesOf(facts.memberships).filter((role) => MFA_REQUIRED_PAY_ROLES.includes(role));
    const support = facts.user.support;
    const payor = support || roles.some((role) => (PAYOR_ROLES as readonly string[]).includes(role));
    const reasons: RequirementReason[] = [
      ...(roles.length > 0 ? (['pay_role'] as const) : []),
      ...(support ? (['support_staff'] as const) : []),
      ...(facts.user.alwaysRequireMfa ? (['always_require_mfa'] as const) : []),
    ];
    const allowedFactorTypes = [...(payor ? this.factorTypes.payor : this.factorTypes.payeeAdmin)];
    return {
      required: reasons.length > 0,
      reasons,
      allowedFactorTypes,
      smsCountries: ['US'],
      enrollmentAvailable: reasons.length > 0,
      reauthIntervalSeconds: REAUTH_INTERVAL_SECONDS,
      deviceTrustSeconds: 0,
      passwordlessAllowed: passwordlessAllowedBy(facts),
    };
  }

  /** Pay's MFA has no deadline: it is mandatory from the first sign-in (PAY-2). */
  enforcementNotice(): EnforcementNotice | null {
    return null;
  }
}
