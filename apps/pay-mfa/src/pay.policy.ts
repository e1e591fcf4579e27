import { Injectable } from '@nestjs/common';
import { MfaRequirement, ProductPolicy, SubjectFacts } from '@sitepass/auth';

/** Pay's rules. Pay never trusts a device (PAY-4). */
@Injectable()
export class PayPolicy implements ProductPolicy {
  readonly audience = 'pay' as const;

  evaluate(_facts: SubjectFacts): MfaRequirement {
    return {
      required: false,
      reasons: [],
      allowedFactorTypes: ['totp'],
      smsCountries: ['US'],
      enrollmentAvailable: false,
      reauthIntervalSeconds: 12 * 3600,
      deviceTrustSeconds: 0,
    };
  }
}
