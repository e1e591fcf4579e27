import { Audience, CompanyPolicy, Factor, Membership, PolicyState, ReauthInterval, User } from '@sitepass/database';

export const PRODUCT_POLICY = Symbol('ProductPolicy');

export type RequirementReason = 'always_require_mfa' | 'enrolled' | 'company_policy' | 'pay_role' | 'support_staff' | 'mfa_reset';

/** What the shared core knows about a user when a product decides what MFA it demands. */
export interface SubjectFacts {
  user: User;
  /** Active memberships only, with their companies: inactive ones never count (LOGIN-2). */
  memberships: Membership[];
  /** The MFA policies of those companies, for those that have set one (POL-5). */
  companyPolicies: CompanyPolicy[];
  activeFactors: Factor[];
  /** The instant the facts describe: a policy's state depends on it (POL-3). */
  asOf: Date;
}

/** A product's verdict for one user (LOGIN-2, PAY-2, PAY-3): must they prove a factor, with what, how often. */
export interface MfaRequirement {
  required: boolean;
  reasons: RequirementReason[];
  /** The factor types (FACTOR_TYPE_NAMES) this product accepts from this user; others are neither offered nor accepted. */
  allowedFactorTypes: string[];
  /** Countries whose mobile numbers may receive codes (SMS-1, PAY-3). */
  smsCountries: string[];
  /** Whether the user may enroll outside a forced sign-in (POL-4). */
  enrollmentAvailable: boolean;
  /** Seconds an MFA proof keeps a session refreshable (SES-5). */
  reauthIntervalSeconds: number;
  /** Seconds a trusted device skips the MFA step after an MFA sign-in; 0 trusts no device (SES-6, PAY-4). */
  deviceTrustSeconds: number;
  /** Whether a passkey alone may sign the user in (PASSKEY-3). */
  passwordlessAllowed: boolean;
}

/** PASSKEY-3: a passkey alone signs a user in unless one of their companies' policies forbids it. */
export function passwordlessAllowedBy(facts: SubjectFacts): boolean {
  return facts.companyPolicies.every((policy) => policy.passwordlessAllowed);
}

/** The policy of one of the user's companies that is scheduled or enforced (shown in GET /v1/me/mfa). */
export interface EnforcementNotice {
  companyId: string;
  companyName: string;
  state: Exclude<PolicyState, 'off'>;
  enforcementStartsAt: string;
  reauthInterval: ReauthInterval;
}

/**
 * How a product (standard or Pay) differs from the other: its audience and the rules it applies to the
 * same facts. The factor, challenge and token code is shared; each app passes its policy in, from its own
 * folder (apps/<app>/src/policy).
 */
export interface ProductPolicy {
  readonly audience: Audience;
  /**
   * Whether SSO users (DIR-5) prove and enroll factors in this product. The standard product leaves their
   * MFA to their identity provider; Pay applies its own after the provider's sign-in (PAY-11).
   */
  readonly ssoUsersEnroll: boolean;
  evaluate(facts: SubjectFacts): MfaRequirement;
  /** The deadline the user is told about in their MFA overview, if the product has deadlines (POL-3). */
  enforcementNotice(facts: SubjectFacts): EnforcementNotice | null;
}
