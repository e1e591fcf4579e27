import { Inject, Injectable } from '@nestjs/common';
import { EnforcementNotice, FACTOR_TYPE_NAMES, MfaRequirement, ProductPolicy, SubjectFacts } from '@sitepass/auth';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { earliestEnforcement, evaluateMfaRules } from './mfa-rules';

/**
 * The standard product's rules: company policies, enrolled users and the per-user flag decide who proves
 * a factor and for how long a proof holds (LOGIN-2, POL-4 to POL-6, DIR-5); any factor type this build knows.
 */
@Injectable()
export class StandardPolicy implements ProductPolicy {
  readonly audience = 'standard' as const;
  /** DIR-5: an SSO user's MFA lives at their identity provider. */
  readonly ssoUsersEnroll = false;

  constructor(@Inject(CONFIG) private readonly config: SitepassConfig) {}

  evaluate(facts: SubjectFacts): MfaRequirement {
    const rules = evaluateMfaRules(facts);
    return {
      required: rules.required,
      reasons: rules.reasons,
      allowedFactorTypes: [...FACTOR_TYPE_NAMES],
      smsCountries: this.config.sms.allowedCountries,
      enrollmentAvailable: rules.enrollmentAvailable,
      reauthIntervalSeconds: rules.reauthIntervalSeconds,
      deviceTrustSeconds: rules.deviceTrustSeconds,
    };
  }

  enforcementNotice(facts: SubjectFacts): EnforcementNotice | null {
    return earliestEnforcement(facts);
  }
}
