import { Audience, CompanyPolicy, Factor, Membership, User } from '@sitepass/database';

export const PRODUCT_POLICY = Symbol('ProductPolicy');

export type RequirementReason = 'always_require_mfa' | 'enrolled' | 'company_policy' | 'pay_role' | 'support_staff';

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
  /** The factor types this product accepts from this user; others are neither offered nor accepted. */
  /** Names of registered factor types (FACTOR_TYPE_NAMES). */
  allowedFactorTypes: string[];
  /** Countries whose mobile numbers may receive codes (SMS-1, PAY-3). */
  smsCountries: string[];
  /** Whether the user may enroll outside a forced sign-in (POL-4). */
  enrollmentAvailable: boolean;
  /** Seconds an MFA proof keeps a session refreshable (SES-5). */
  reauthIntervalSeconds: number;
  /** Seconds a trusted device skips the MFA step after an MFA sign-in; 0 trusts no device (SES-6, PAY-4). */
  deviceTrustSeconds: number;
}

/**
 * How a product (standard or Pay) differs from the other: its audience and the rules it applies to the
 * same facts. The factor, challenge and token code is shared; each app passes its policy in.
 */
export interface ProductPolicy {
  readonly audience: Audience;
  evaluate(facts: SubjectFacts): MfaRequirement;
}
