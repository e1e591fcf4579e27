import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addSeconds, Clock, Metrics, requestContext } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import {
  AuditEventRepository,
  AuditRecord,
  Factor,
  FactorRepository,
  isSsoUser,
  PasskeyCeremonyRepository,
  User,
  UserRepository,
  WebAuthnCredentialRepository,
} from '@sitepass/database';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ErrorMessageKey } from '../../errors/domain.error';
import { DomainError } from '../../errors/domain.error';
import { LoginThrottle } from '../../limits/login-throttle';
import { SessionService } from '../../sessions/session.service';
import { PRODUCT_POLICY, ProductPolicy } from '../../sign-in/product-policy';
import { Authenticated } from '../../sign-in/sign-in-result';
import { SubjectFactsLoader } from '../../sign-in/subject-facts.loader';
import { CEREMONY_LIFETIME_SECONDS, passkeyAmr, RelyingParty, userHandleOf } from './relying-party';
import { WebAuthnAuthenticator } from './webauthn.authenticator';

/** A passwordless sign-in's first half: the ceremony to answer with navigator.credentials.get(). */
export interface PasskeyCeremony {
  ceremonyId: string;
  expiresAt: string;
  publicKey: Record<string, unknown>;
}

/**
 * PASSKEY-3: "Sign in with a passkey". The browser offers the user's discoverable passkeys for our RP ID; the
 * one chosen names its user, and a signature made with user verification (a fingerprint, a face, a PIN) is
 * two factors at once: possession of the key and the user's own check, aal2 with `amr` [hwk|swk, mfa].
 * Refused where a company of the user forbids it (`passwordlessAllowed`), for SSO users (their company's
 * provider signs them in, PAY-11, DIR-5), and for a passkey the product does not accept.
 */
@Injectable()
export class PasskeySignInService {
  constructor(
    @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
    @Inject(CONFIG) private readonly config: SitepassConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly relyingParty: RelyingParty,
    private readonly ceremonies: PasskeyCeremonyRepository,
    private readonly credentials: WebAuthnCredentialRepository,
    private readonly factors: FactorRepository,
    private readonly users: UserRepository,
    private readonly facts: SubjectFactsLoader,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly passkeys: WebAuthnAuthenticator,
    private readonly audit: AuditEventRepository,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
  ) {}

  /**
   * A single-use challenge for 5 minutes, for whichever passkey the person picks. Free of the client's sign-in
   * limit: the sign-in page asks for one each time it is shown, and only an answer is an attempt.
   */
  async begin(): Promise<PasskeyCeremony> {
    this.assertEnabled();
    const now = this.clock.now();
    const ceremony = {
      id: randomUUID(),
      audience: this.policy.audience,
      challenge: this.relyingParty.newChallenge(),
      createdAt: now,
      expiresAt: addSeconds(now, CEREMONY_LIFETIME_SECONDS),
    };
    await this.ceremonies.open(ceremony);
    return {
      ceremonyId: ceremony.id,
      expiresAt: ceremony.expiresAt.toISOString(),
      publicKey: { ...(await this.relyingParty.requestOptions(ceremony.challenge, [], 'required')) },
    };
  }

  /**
   * Checks the answer and opens a session. The ceremony is spent first, by one conditional write: of any
   * number of answers at once, on any instance, one is checked and the rest are refused.
   */
  async finish(ceremonyId: string, answer: { id: string; response: Record<string, unknown> }): Promise<Authenticated> {
    this.assertEnabled();
    await this.throttle.admitClient(requestContext.current()?.ip ?? null);
    const challenge = await this.ceremonies.spend(ceremonyId, this.policy.audience, this.clock.now());
    if (!challenge) throw DomainError.of('error.challenge_expired.passkey');
    const credential = await this.credentials.findByCredentialId(answer.id);
    const factor = credential && (await this.factors.findOwn(credential.userId, credential.factorId));
    const user = factor?.status === 'active' ? await this.users.findById(factor.userId) : null;
    if (!credential || !factor || !user || user.status !== 'active') {
      return this.refuse(null, 'unknown_passkey', 'error.invalid_credentials.passkey');
    }
    const handle = answer.response?.userHandle;
    if (handle !== undefined && handle !== Buffer.from(userHandleOf(user.id)).toString('base64url')) {
      return this.refuse(user.id, 'passkey_refused', 'error.verification_failed.passkey');
    }
    const verified = await this.relyingParty.verifyAssertion(answer, challenge, credential, true);
    if (!verified) return this.refuse(user.id, 'passkey_refused', 'error.verification_failed.passkey');
    if (verified.counterWentBack) {
      await this.db.transaction((manager) => this.passkeys.recordClone(manager, credential, verified.newCounter));
      return this.refuse(user.id, 'passkey_cloned', 'error.verification_failed.passkey_cloned');
    }
    await this.assertMaySignIn(factor, user);
    return this.db.transaction(async (manager) => {
      const now = this.clock.now();
      if (!(await this.credentials.advanceCounter(manager, factor.id, verified.newCounter, verified.backedUp, now))) {
        throw DomainError.of('error.verification_failed.passkey_cloned');
      }
      const amr = [passkeyAmr(credential.deviceType), 'mfa' as const];
      const audience = this.policy.audience;
      const events: AuditRecord[] = [
        { type: 'mfa.verified', subjectUserId: user.id, data: { factorType: factor.type, purpose: 'passwordless' } },
        { type: 'sign_in.succeeded', subjectUserId: user.id, data: { audience, acr: 'aal2', amr, via: 'passkey' } },
      ];
      const { tokens } = await this.sessions.startSession(user.id, audience, { acr: 'aal2', amr, mfaTime: now }, manager, events);
      this.metrics.signIns.inc({ audience, outcome: 'passkey' });
      return { status: 'authenticated', ...tokens };
    });
  }

  /** The company's, the product's and the account's rules, judged now, after the signature was checked. */
  private async assertMaySignIn(factor: Factor, user: User): Promise<void> {
    const facts = await this.facts.load(user);
    if (isSsoUser(user, facts.memberships)) throw DomainError.of('error.sso_required', {});
    const requirement = this.policy.evaluate(facts);
    if (!requirement.allowedFactorTypes.includes(factor.type)) {
      throw DomainError.of(
        'error.factor_type_not_allowed.account',
        { allowedFactorTypes: requirement.allowedFactorTypes },
        { args: { factorType: factor.type } },
      );
    }
    if (!requirement.passwordlessAllowed) throw DomainError.of('error.passwordless_not_allowed');
    if (user.mfaLockedAt) throw DomainError.of('error.account_locked');
  }

  private async refuse(userId: string | null, reason: string, message: ErrorMessageKey): Promise<never> {
    const audience = this.policy.audience;
    await this.audit.record({ type: 'sign_in.failed', subjectUserId: userId, data: { audience, firstFactor: 'passkey', reason } });
    this.metrics.signIns.inc({ audience, outcome: reason });
    throw DomainError.of(message);
  }

  private assertEnabled(): void {
    if (!WebAuthnAuthenticator.enabledBy(this.config)) throw DomainError.of('error.factor_type_not_allowed.passkeys_off');
  }
}
