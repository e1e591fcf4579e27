import { Membership } from '../directory/membership.entity';
import { User } from '../directory/user.entity';
import { Audience } from '../tokens/access-token';

export const PRODUCT_POLICY = Symbol('ProductPolicy');

export type RequirementReason = 'always_require_mfa' | 'enrolled' | 'company_policy' | 'pay_role';

/** What the shared core knows about a user when a product decides what MFA it demands. */
export interface SubjectFacts {
  user: User;
  memberships: Membership[];
}

/** A product's verdict for one user (LOGIN-2, PAY-2): must they prove a factor, and how often. */
export interface MfaRequirement {
  required: boolean;
  reasons: RequirementReason[];
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
