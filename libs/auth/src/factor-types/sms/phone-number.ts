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
    throw invalid('Enter the number in international form, starting with + and the country code.');
  }
  if (!parsed.isValid()) throw invalid('This is not a valid phone number.');
  const country = parsed.country ?? '';
  if (!allowedCountries.includes(country)) {
    throw new DomainError('phone_country_not_allowed', `Numbers from ${country || 'this country'} cannot be used here.`, {
      country: country || null,
      allowedCountries,
    });
  }
  if (!MOBILE_TYPES.has(parsed.getType() ?? '')) throw invalid('This number cannot receive text messages: use a mobile number.');
  return { e164: parsed.number, country };
}

export function countryOf(e164: string): string {
  try {
    return parsePhoneNumberWithError(e164).country ?? 'ZZ';
  } catch {
    return 'ZZ';
  }
}

function invalid(message: string): DomainError {
  return new DomainError('invalid_phone_number', message);
}
