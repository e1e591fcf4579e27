import { Inject, Injectable } from '@nestjs/common';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { CONFIG, SitepassConfig, WebAuthnSettings } from '@sitepass/config';
import { Amr, CredentialDeviceType, WebAuthnCredential } from '@sitepass/database';
import { randomBytes } from 'node:crypto';

/** PASSKEY-1: a ceremony may be answered for 5 minutes; the browser is told the same. */
export const CEREMONY_LIFETIME_SECONDS = 5 * 60;

/** RFC 8176 for a passkey: a key synced between devices is a software key; one bound to its device, hardware. */
export function passkeyAmr(deviceType: CredentialDeviceType): Extract<Amr, 'hwk' | 'swk'> {
  return deviceType === 'multiDevice' ? 'swk' : 'hwk';
}

/** A registration that checked out: the credential to store. */
export interface RegisteredCredential {
  credentialId: string;
  publicKey: Buffer;
  signCount: number;
  transports: string[];
  deviceType: CredentialDeviceType;
  backedUp: boolean;
  aaguid: string;
}

/** An assertion whose signature checked out, and what it says; `counterWentBack` marks a cloned key. */
export interface VerifiedAssertion {
  newCounter: number;
  counterWentBack: boolean;
  userVerified: boolean;
  backedUp: boolean;
}

/**
 * The relying party of PASSKEY-1 on @simplewebauthn/server: options for the browser, and the checks of its
 * answers against the configured RP ID and origins. A malformed or forged answer is refused (null), never
 * an error: it is the client's word, not ours.
 */
@Injectable()
export class RelyingParty {
  private readonly settings: WebAuthnSettings;

  constructor(@Inject(CONFIG) config: SitepassConfig) {
    this.settings = config.webauthn;
  }

  /** 32 random bytes, base64url: what each ceremony signs. */
  newChallenge(): string {
    return randomBytes(32).toString('base64url');
  }

  /**
   * Creation options for a new passkey of this user: discoverable where the authenticator can (for
   * passwordless sign-in), no attestation asked (it would identify the device model and prove nothing we
   * check), and none of the user's live passkeys made again.
   */
  creationOptions(
    user: { id: string; email: string },
    challenge: string,
    existing: Array<Pick<WebAuthnCredential, 'credentialId' | 'transports'>>,
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return generateRegistrationOptions({
      rpName: this.settings.rpName,
      rpID: this.settings.rpId,
      userName: user.email,
      userDisplayName: user.email,
      userID: userHandleOf(user.id),
      challenge: Buffer.from(challenge, 'base64url'),
      timeout: CEREMONY_LIFETIME_SECONDS * 1000,
      attestationType: 'none',
      excludeCredentials: existing.map(descriptor),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
  }

  /** Request options: for these credentials (a second factor), or for any discoverable one (passwordless, empty list). */
  requestOptions(
    challenge: string,
    credentials: Array<Pick<WebAuthnCredential, 'credentialId' | 'transports'>>,
    userVerification: 'required' | 'preferred',
  ): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return generateAuthenticationOptions({
      rpID: this.settings.rpId,
      challenge: Buffer.from(challenge, 'base64url'),
      allowCredentials: credentials.map(descriptor),
      userVerification,
      timeout: CEREMONY_LIFETIME_SECONDS * 1000,
    });
  }

  async verifyRegistration(response: unknown, expectedChallenge: string): Promise<RegisteredCredential | null> {
    try {
      const verified = await verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge,
        expectedOrigin: this.settings.origins,
        expectedRPID: this.settings.rpId,
        requireUserVerification: false,
      });
      if (!verified.verified) return null;
      const { credential, credentialDeviceType, credentialBackedUp, aaguid } = verified.registrationInfo;
      return {
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey),
        signCount: credential.counter,
        transports: credential.transports ?? [],
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        aaguid,
      };
    } catch {
      return null;
    }
  }

  /**
   * Checks an assertion by this credential. The counter is compared here rather than by the library, which
   * would throw the same error as for a forged answer: a counter that does not rise is a clone, and audited.
   */
  async verifyAssertion(
    response: unknown,
    expectedChallenge: string,
    credential: Pick<WebAuthnCredential, 'credentialId' | 'publicKey' | 'signCount' | 'transports'>,
    requireUserVerification: boolean,
  ): Promise<VerifiedAssertion | null> {
    try {
      const verified = await verifyAuthenticationResponse({
        response: response as AuthenticationResponseJSON,
        expectedChallenge,
        expectedOrigin: this.settings.origins,
        expectedRPID: this.settings.rpId,
        credential: {
          id: credential.credentialId,
          publicKey: new Uint8Array(credential.publicKey),
          counter: 0,
          transports: credential.transports as AuthenticatorTransport[],
        },
        requireUserVerification,
      });
      if (!verified.verified) return null;
      const { newCounter, userVerified, credentialBackedUp } = verified.authenticationInfo;
      const counterWentBack = (newCounter > 0 || credential.signCount > 0) && newCounter <= credential.signCount;
      return { newCounter, counterWentBack, userVerified, backedUp: credentialBackedUp };
    } catch {
      return null;
    }
  }
}

/** The WebAuthn user handle: the user's id as its 16 bytes, opaque to the authenticator and no personal data. */
export function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId.replace(/-/g, ''), 'hex'));
}

function descriptor(credential: Pick<WebAuthnCredential, 'credentialId' | 'transports'>) {
  return { id: credential.credentialId, transports: credential.transports as AuthenticatorTransport[] };
}
