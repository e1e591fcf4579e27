import { Inject, Injectable } from '@nestjs/common';
import { PRODUCT_POLICY, ProductPolicy, SubjectFactsLoader } from '@sitepass/auth';
import { UserRepository } from '@sitepass/database';
import { CountryCode, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { field, Form } from '../form-input';
import { FieldErrors } from '../forms';
import { PageContext } from '../layout';

/** A country of the picker: its code, its name in the reader's language, and its calling code. */
export interface CountryChoice {
  code: string;
  name: string;
  callingCode: string;
}

/**
 * WEB-3's phone number form, for the sign-in's enrollment and the account page alike: the countries this
 * product texts for this user (SMS-1, PAY-3), named in the reader's language, and the number read as it is
 * dialled at home in the chosen country. The core checks the number again (mobile, allowed country).
 */
@Injectable()
export class PhoneForms {
  constructor(
    @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
    private readonly users: UserRepository,
    private readonly facts: SubjectFactsLoader,
  ) {}

  async countries(userId: string, context: PageContext): Promise<CountryChoice[]> {
    const user = (await this.users.findById(userId))!;
    const names = new Intl.DisplayNames([context.locale], { type: 'region' });
    return this.policy
      .evaluate(await this.facts.load(user))
      .smsCountries.map((code) => ({ code, name: names.of(code) ?? code, callingCode: getCountryCallingCode(code as CountryCode) }))
      .sort((a, b) => a.name.localeCompare(b.name, context.locale));
  }
}

/** The number of a phone form in international form, or the problems of its fields. */
export function phoneNumberOf(
  context: PageContext,
  form: Form,
  countries: CountryChoice[],
): { country: string; number: string; phoneNumber?: string; errors: FieldErrors } {
  const country = field(form, 'country');
  const number = field(form, 'number').slice(0, 40);
  if (!countries.some((candidate) => candidate.code === country)) {
    return { country, number, errors: { country: context.t('page.enroll.sms.country.required') } };
  }
  const phone = parsePhoneNumberFromString(number, country as CountryCode);
  if (!number || !phone?.isValid()) return { country, number, errors: { number: context.t('page.enroll.sms.number.invalid') } };
  return { country, number, phoneNumber: phone.number, errors: {} };
}
