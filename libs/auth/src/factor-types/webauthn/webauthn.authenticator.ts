import { Injectable } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import { SitepassConfig } from '@sitepass/config';
import {
  AuditEventRepository,
  Challenge,
  ChallengeRepository,
  Factor,
  WebAuthnCredential,
  WebAuthnCredentialRepository,
} from '@sitepass/database';
import { phrase } from '@sitepass/i18n';
import { EntityManager } from 'typeorm';
import { CodeCheck, EnrollmentContext, FactorAuthenticator, FactorPayload, PreparedEnrollment } from '../factor-authenticator';
import { CEREMONY_LIFETIME_SECONDS, passkeyAmr, RelyingParty } from './relying-party';
import { WebAuthnChallengeAnswer, WebAuthnEnrollmentAnswer, WebAuthnEnrollmentPayload, WebAuthnProofDto } from './webauthn.dto';

const REFUSED: CodeCheck = { kind: 'mismatch', code: 'verification_failed', message: phrase('error.verification_failed.passkey') };

/** The name a passkey gets when its user gives none. */
export const DEFAULT_PASSKEY_NAME = 'Passkey';

/**
 * Passkeys and security keys (PASSKEY-1 to PASSKEY-3): a challenge carries random bytes; enrolling answers
 * creation options and is proven by the new credential's registration, a sign-in or step-up by a signature
 * of the credential over them. A user may hold several. Offered only where WEBAUTHN_ORIGINS is set.
 */
@Injectable()
export class WebAuthnAuthenticator implements FactorAuthenticator {
  static readonly type = 'webauthn' as const;
  static readonly enrollmentPayload = WebAuthnEnrollmentPayload;
  static readonly proofPayload = WebAuthnProofDto;
  static readonly enrollmentAnswer = WebAuthnEnrollmentAnswer;
  static readonly challengeAnswer = WebAuthnChallengeAnswer;

  static enabledBy(config: SitepassConfig): boolean {
    return config.webauthn.origins.length > 0;
  }

  readonly type = WebAuthnAuthenticator.type;
  /** What a passkey proves when nothing more is known; each proof says `hwk` or `swk` from its credential. */
  readonly amr = 'hwk' as const;
  readonly sendsCode = false;
  readonly reissuesRecoveryCodeOnReplace = false;
  /** PASSKEY-2: a laptop's, a phone's, a security key: each its own factor. */
  readonly severalPerUser = true;
  readonly challengeLifetimeSeconds = CEREMONY_LIFETIME_SECONDS;

  constructor(
    private readonly relyingParty: RelyingParty,
    private readonly credentials: WebAuthnCredentialRepository,
    private readonly challenges: ChallengeRepository,
    private readonly audit: AuditEventRepository,
    private readonly clock: Clock,
  ) {}

  async prepareEnrollment({ user, payload }: EnrollmentContext): Promise<PreparedEnrollment> {
    const name = typeof payload.name === 'string' ? payload.name : DEFAULT_PASSKEY_NAME;
    const existing = await this.credentials.listLiveOfUser(user.id);
    return {
      columns: () => ({ name }),
      present: async (_factor, challenge) =>
        ({
          publicKey: { ...(await this.relyingParty.creationOptions(user, challenge.webauthnChallenge!, existing)) },
          name,
        }) satisfies WebAuthnEnrollmentAnswer,
    };
  }

  async prepareChallenge(challenge: Challenge, _factor: Factor, manager: EntityManager): Promise<void> {
    challenge.webauthnChallenge = this.relyingParty.newChallenge();
    await this.challenges.storeWebAuthnChallenge(manager, challenge.id, challenge.webauthnChallenge);
  }

  /** A sign-in, re-check or step-up asks for a signature by this passkey, with user verification where it can. */
  async presentChallenge(challenge: Challenge, factor: Factor): Promise<Record<string, unknown>> {
    const credential = await this.credentials.findByFactor(factor.id);
    return { publicKey: await this.relyingParty.requestOptions(challenge.webauthnChallenge!, credential ? [credential] : [], 'preferred') };
  }

  async check(challenge: Challenge, factor: Factor, proof: FactorPayload): Promise<CodeCheck> {
    const answer = proof.credential;
    if (!answer || !challenge.webauthnChallenge) return REFUSED;
    return challenge.purpose === 'enrollment'
      ? this.checkRegistration(challenge.webauthnChallenge, factor, answer)
      : this.checkAssertion(challenge.webauthnChallenge, factor, answer);
  }

  /** The new credential is stored with the claim: a credential registered already (by anyone) is refused. */
  private async checkRegistration(expectedChallenge: string, factor: Factor, answer: unknown): Promise<CodeCheck> {
    const registered = await this.relyingParty.verifyRegistration(answer, expectedChallenge);
    if (!registered) return REFUSED;
    const credential = Object.assign(new WebAuthnCredential(), {
      ...registered,
      factorId: factor.id,
      userId: factor.userId,
      createdAt: this.clock.now(),
      lastUsedAt: null,
    });
    return { kind: 'match', amr: passkeyAmr(registered.deviceType), claim: (manager) => this.credentials.register(manager, credential) };
  }

  private async checkAssertion(expectedChallenge: string, factor: Factor, answer: unknown): Promise<CodeCheck> {
    const credential = await this.credentials.findByFactor(factor.id);
    if (!credential || (answer as { id?: unknown }).id !== credential.credentialId) return REFUSED;
    const verified = await this.relyingParty.verifyAssertion(answer, expectedChallenge, credential, false);
    if (!verified) return REFUSED;
    if (verified.counterWentBack) {
      return { ...clonedRefusal(), spend: (manager) => this.recordClone(manager, credential, verified.newCounter) };
    }
    return {
      kind: 'match',
      amr: passkeyAmr(credential.deviceType),
      claim: (manager) => this.credentials.advanceCounter(manager, factor.id, verified.newCounter, verified.backedUp, this.clock.now()),
    };
  }

  /** PASSKEY-1: a signature counter that did not rise means two copies of the key; the refusal is audited. */
  recordClone(manager: EntityManager, credential: WebAuthnCredential, presentedCounter: number): Promise<void> {
    return this.audit.record(
      {
        type: 'factor.clone_suspected',
        subjectUserId: credential.userId,
        data: {
          factorId: credential.factorId,
          factorType: WebAuthnAuthenticator.type,
          storedCounter: credential.signCount,
          presentedCounter,
        },
      },
      manager,
    );
  }
}

/** What the person with the passkey is told when its counter went backwards. */
export function clonedRefusal(): Extract<CodeCheck, { kind: 'mismatch' }> {
  return { kind: 'mismatch', code: 'verification_failed', message: phrase('error.verification_failed.passkey_cloned') };
}
