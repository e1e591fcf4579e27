import { Inject, Injectable } from '@nestjs/common';
import { MfaRequirement, ProductPolicy, RequirementReason, SubjectFacts } from '@sitepass/auth';
import { CONFIG, SitepassConfig } from '@sitepass/config';

/** A user enrolled only voluntarily re-authenticates every 12 hours (POL-6). */
const VOLUNTARY_INTERVAL_SECONDS = 12 * 3600;

/** The standard product's rules (LOGIN-2): who must prove a factor, with what, and for how long a proof holds. */
@Injectable()
export class StandardPolicy implements ProductPolicy {
  readonly audience = 'standard' as const;

  constructor(@Inject(CONFIG) private readonly config: SitepassConfig) {}

  evaluate(facts: SubjectFacts): MfaRequirement {
    const reasons: RequirementReason[] = [];
    if (facts.activeFactors.length > 0) reasons.push('enrolled');
    if (facts.user.alwaysRequireMfa) reasons.push('always_require_mfa');
    return {
      required: reasons.length > 0,
      reasons,
      allowedFactorTypes: ['totp', 'sms'],
      smsCountries: this.config.sms.allowedCountries,
      enrollmentAvailable: reasons.length > 0,
      reauthIntervalSeconds: VOLUNTARY_INTERVAL_SECONDS,
      deviceTrustSeconds: VOLUNTARY_INTERVAL_SECONDS,
    };
  }
}
