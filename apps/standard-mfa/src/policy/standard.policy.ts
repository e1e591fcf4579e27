import { Inject, Injectable } from '@nestjs/common';
import { enabledFactorTypes, EnforcementNotice, MfaRequirement, passwordlessAllowedBy, ProductPolicy, SubjectFacts } from '@sitepass/auth';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { earliestEnforcement, evaluateMfaRules } from './mfa-rules';

/**
 * The standard product's rules: company policies, enrolled users and the per-user flag decide who proves
 * a factor and for how long a proof holds (LOGIN-2, POL-4 to POL-6, DIR-5); any factor type this deployment
 * offers (passkeys where their origins are configured).
 */
@Injectable()
export class StandardPolicy implements ProductPolicy {
  readonly audience = 'standard' as const;
  /** DIR-5: an SSO user's MFA lives at their identity provider. */
  readonly ssoUsersEnroll = false;

  private readonly factorTypes: string[];

  constructor(@Inject(CONFIG) private readonly config: SitepassConfig) {
    this.factorTypes = enabledFactorTypes(config);
  }

  evaluate(facts: SubjectFacts): MfaRequirement {
    const rules = evaluateMfaRules(facts);
    return {
      required: rules.required,
      reasons: rules.reasons,
      allowedFactorTypes: [...this.factorTypes],
      smsCountries: this.config.sms.allowedCountries,
      enrollmentAvailable: rules.enrollmentAvailable,
      reauthIntervalSeconds: rules.reauthIntervalSeconds,
      deviceTrustSeconds: rules.deviceTrustSeconds,
      passwordlessAllowed: passwordlessAllowedBy(facts),
    };
  }

  enforcementNotice(facts: SubjectFacts): EnforcementNotice | null {
    return earliestEnforcement(facts);
  }
}
