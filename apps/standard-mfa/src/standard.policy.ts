import { Injectable } from '@nestjs/common';
import { MfaRequirement, ProductPolicy, RequirementReason, SubjectFacts } from '@sitepass/auth';

/** A user enrolled only voluntarily re-authenticates every 12 hours (POL-6). */
const VOLUNTARY_INTERVAL_SECONDS = 12 * 3600;

/** The standard product's rules (LOGIN-2): who must prove a factor, and for how long a proof holds. */
@Injectable()
export class StandardPolicy implements ProductPolicy {
  readonly audience = 'standard' as const;

  evaluate(facts: SubjectFacts): MfaRequirement {
    const reasons: RequirementReason[] = [];
    if (facts.user.alwaysRequireMfa) reasons.push('always_require_mfa');
    return {
      required: reasons.length > 0,
      reasons,
      reauthIntervalSeconds: VOLUNTARY_INTERVAL_SECONDS,
      deviceTrustSeconds: VOLUNTARY_INTERVAL_SECONDS,
    };
  }
}
