import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { DomainError } from '../../errors/domain.error';

export interface PhoneNumber {
  e164: string;
  country: string;
}

const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/**
 * SMS-1: parsed and checked with libphonenumber's full metadata (the default metadata cannot tell a
 * mobile number from a landline); international form required, so the country is never guessed.
 */
export function parseMobileNumber(input: string, allowedCountries: readonly string[]): PhoneNumber {
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(input.trim());
  } catch {
    throw DomainError.of('error.invalid_phone_number.international_form');
  }
  if (!parsed.isValid()) throw DomainError.of('error.invalid_phone_number');
  const country = parsed.country ?? '';
  if (!allowedCountries.includes(country)) {
    const key = country ? 'error.phone_country_not_allowed' : 'error.phone_country_not_allowed.unknown_country';
    throw DomainError.of(key, { country: country || null, allowedCountries });
  }
  if (!MOBILE_TYPES.has(parsed.getType() ?? '')) throw DomainError.of('error.invalid_phone_number.not_mobile');
  return { e164: parsed.number, country };
}

export function countryOf(e164: string): string {
  try {
    return parsePhoneNumberWithError(e164).country ?? 'ZZ';
  } catch {
    return 'ZZ';
  }
}

/**
 * SMS-10: the destination prefix a number's traffic is judged by: its country calling code and the next 3
 * digits of the national number (`+1415`, `+44740`), the granularity of premium and pumped ranges.
 */
export function prefixOf(e164: string): string {
  try {
    const parsed = parsePhoneNumberWithError(e164);
    return `+${parsed.countryCallingCode}${parsed.nationalNumber.slice(0, 3)}`;
  } catch {
    return e164.slice(0, 5);
  }
}
