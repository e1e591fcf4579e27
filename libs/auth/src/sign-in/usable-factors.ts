import { Factor } from '@sitepass/database';
import { countryOf } from '../factor-types/sms/phone-number';
import { MfaRequirement } from './product-policy';

/**
 * The factors a product accepts from this user (PAY-3): of an allowed type, and for SMS a number in an
 * allowed country. Others are neither offered at sign-in nor accepted for a challenge.
 */
export function usableFactors(factors: Factor[], requirement: MfaRequirement): Factor[] {
  return factors.filter((factor) => isUsable(factor, requirement));
}

export function isUsable(factor: Factor, requirement: MfaRequirement): boolean {
  if (!requirement.allowedFactorTypes.includes(factor.type)) return false;
  // A factor with a number is usable where its country is allowed (SMS-1).
  return !factor.phoneNumber || requirement.smsCountries.includes(countryOf(factor.phoneNumber));
}
