import { Inject, Injectable, Provider, Type } from '@nestjs/common';
import { SitepassConfig } from '@sitepass/config';
import { DomainError } from '../errors/domain.error';
import { FactorAuthenticator, FactorAuthenticatorClass, FactorTypeDescription } from './factor-authenticator';
import { SmsAuthenticator } from './sms/sms.authenticator';
import { TotpAuthenticator } from './totp/totp.authenticator';
import { RelyingParty } from './webauthn/relying-party';
import { WebAuthnAuthenticator } from './webauthn/webauthn.authenticator';

/**
 * Every factor type, one entry each. A new type is a folder beside these (its authenticator and payload
 * DTOs) and one entry here; nothing else in the code lists the types.
 */
const AUTHENTICATORS = [TotpAuthenticator, SmsAuthenticator, WebAuthnAuthenticator] as const satisfies readonly FactorAuthenticatorClass[];

/** The factor types this build knows: `totp`, `sms`, `webauthn`. */
export type FactorType = (typeof AUTHENTICATORS)[number]['type'];

/** Every registered type's name, in registration order. */
export const FACTOR_TYPE_NAMES: readonly FactorType[] = AUTHENTICATORS.map((authenticator) => authenticator.type);

/** The types this deployment offers: every registered type whose configuration it has (passkeys need origins). */
export function enabledFactorTypes(config: SitepassConfig): FactorType[] {
  return AUTHENTICATORS.filter((authenticator: FactorTypeDescription) => authenticator.enabledBy?.(config) ?? true).map(
    (authenticator) => authenticator.type,
  );
}

/** A registered type's name and request DTOs; undefined for a name this build does not know. */
export function describeFactorType(type: string): FactorTypeDescription | undefined {
  return AUTHENTICATORS.find((authenticator) => authenticator.type === type);
}

/** The distinct proof DTO classes of the registered types: what a verify body may look like. */
export const FACTOR_PROOF_PAYLOADS: ReadonlyArray<Type<object>> = [
  ...new Set(AUTHENTICATORS.map((authenticator) => authenticator.proofPayload)),
];

/** The distinct enrollment DTO classes of the registered types, for /docs. */
export const FACTOR_ENROLLMENT_PAYLOADS: ReadonlyArray<Type<object>> = [
  ...new Set(AUTHENTICATORS.map((authenticator) => authenticator.enrollmentPayload)),
];

const REGISTERED = Symbol('FactorAuthenticators');

/** The registered authenticators, by type name: what enrollment and challenges look a factor's type up in. */
@Injectable()
export class FactorTypes {
  private readonly byType: ReadonlyMap<string, FactorAuthenticator>;

  constructor(@Inject(REGISTERED) authenticators: FactorAuthenticator[]) {
    this.byType = new Map(authenticators.map((authenticator) => [authenticator.type, authenticator]));
  }

  /** The type's authenticator; a type this build does not know is refused as not allowed. */
  of(type: string): FactorAuthenticator {
    const authenticator = this.byType.get(type);
    if (!authenticator) {
      throw DomainError.of(
        'error.factor_type_not_allowed.unsupported',
        { allowedFactorTypes: FACTOR_TYPE_NAMES },
        { args: { factorType: type } },
      );
    }
    return authenticator;
  }

  /**
   * The parameters of a notice about a factor of this type (NOTE-2): its type, which each language's catalog
   * names in its own words (`email.factor_added.body`), a generic "sign-in method" for a type it lacks.
   */
  noticeParams(type: string): { factorType: string } {
    return { factorType: this.of(type).type };
  }
}

export const FACTOR_TYPE_PROVIDERS: Provider[] = [
  RelyingParty,
  ...AUTHENTICATORS,
  { provide: REGISTERED, inject: [...AUTHENTICATORS], useFactory: (...authenticators: FactorAuthenticator[]) => authenticators },
  FactorTypes,
];
