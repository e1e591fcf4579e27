import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addSeconds, Clock, KeyedHasher, randomToken } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { AuditEventRepository, Audience, AuthorizationCode, AuthorizationCodeRepository } from '@sitepass/database';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '../errors/domain.error';
import { phrase } from '@sitepass/i18n';
import { Assurance, IssuedTokens, SessionService } from '../sessions/session.service';
import { StepUpService, StepUpToken } from '../step-up/step-up.service';
import { Principal } from '../tokens/access-token';

/** WEB-2: a code lives 60 seconds. */
export const AUTHORIZATION_CODE_LIFETIME_SECONDS = 60;
const PURPOSE = 'authorization-code';
/** RFC 7636: a code challenge is base64url(SHA-256), 43 characters; a verifier 43 to 128 unreserved characters. */
export const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
export const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** Where a page flow started: the product's return URL and its PKCE challenge (S256). */
export interface HandOffRequest {
  returnTo: string;
  codeChallenge: string;
}

/** What the flow proved: a session's assurance, or a step-up of one operation (WEB-6). */
export type HandOffGrant =
  | { kind: 'session'; userId: string; audience: Audience; assurance: Assurance }
  | { kind: 'step_up'; userId: string; audience: Audience; assurance: Assurance; operation: string };

/**
 * WEB-2's hand-off, the shape of OAuth 2.0's authorization code grant with PKCE (RFC 6749 §4.1, RFC 7636):
 * a hosted page flow ends by sending the browser to the product's `return_to` (only the configured
 * WEB_RETURN_URLS) with a single-use code; the product's back end exchanges it, with the verifier only it
 * holds, for a new session's tokens, or (WEB-6) for a step-up token of the session it already has. A code
 * is spent once across instances; presenting it again revokes the session its exchange opened.
 */
@Injectable()
export class HandOffService {
  constructor(
    @Inject(CONFIG) private readonly config: SitepassConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly codes: AuthorizationCodeRepository,
    private readonly sessions: SessionService,
    private readonly stepUps: StepUpService,
    private readonly audit: AuditEventRepository,
    private readonly hasher: KeyedHasher,
    private readonly clock: Clock,
  ) {}

  /** Whether a page flow may return to this URL: one of WEB_RETURN_URLS, compared whole. */
  allowsReturnTo(returnTo: string): boolean {
    return this.config.webReturnUrls.includes(returnTo);
  }

  /** The URL to send the browser to: `return_to` with the code and the client's `state`. */
  async issue(grant: HandOffGrant, request: HandOffRequest, state?: string): Promise<string> {
    if (!this.allowsReturnTo(request.returnTo))
      throw DomainError.validation([{ field: 'return_to', problem: phrase('validation.return_to') }]);
    if (!CODE_CHALLENGE.test(request.codeChallenge)) {
      throw DomainError.validation([{ field: 'code_challenge', problem: phrase('validation.code_challenge') }]);
    }
    const now = this.clock.now();
    const code = randomToken();
    await this.codes.insert(
      Object.assign(new AuthorizationCode(), {
        codeHash: this.hasher.hash(PURPOSE, code),
        kind: grant.kind,
        userId: grant.userId,
        audience: grant.audience,
        acr: grant.assurance.acr,
        amr: grant.assurance.amr,
        mfaTime: grant.assurance.mfaTime,
        operation: grant.kind === 'step_up' ? grant.operation : null,
        codeChallenge: request.codeChallenge,
        returnTo: request.returnTo,
        createdAt: now,
        expiresAt: addSeconds(now, AUTHORIZATION_CODE_LIFETIME_SECONDS),
        usedAt: null,
        sessionId: null,
      }),
    );
    const url = new URL(request.returnTo);
    url.searchParams.set('code', code);
    if (state !== undefined) url.searchParams.set('state', state);
    return url.toString();
  }

  /** WEB-2: a session code and its verifier give the tokens of a new session of this product, with the flow's assurance. */
  async exchangeForSession(audience: Audience, code: string, codeVerifier: string): Promise<IssuedTokens> {
    const codeHash = this.hasher.hash(PURPOSE, code);
    const grant = await this.redeem(codeHash, codeVerifier, audience, 'session');
    return this.db.transaction(async (manager) => {
      const { session, tokens } = await this.sessions.startSession(
        grant.userId,
        audience,
        { acr: grant.acr, amr: grant.amr, mfaTime: grant.mfaTime },
        manager,
        [{ type: 'authorization_code.exchanged', subjectUserId: grant.userId, data: { audience, kind: 'session' } }],
      );
      await this.codes.recordSession(manager, codeHash, session.id);
      return tokens;
    });
  }

  /** WEB-6: a step-up code and its verifier give a step-up token of the caller's own session, for the code's user only. */
  async exchangeForStepUp(principal: Principal, code: string, codeVerifier: string): Promise<StepUpToken> {
    const grant = await this.redeem(this.hasher.hash(PURPOSE, code), codeVerifier, principal.audience, 'step_up');
    if (grant.userId !== principal.userId) throw invalidGrant();
    return this.db.transaction(async (manager) => {
      await this.audit.record(
        {
          type: 'authorization_code.exchanged',
          subjectUserId: grant.userId,
          data: { audience: grant.audience, kind: 'step_up', operation: grant.operation },
        },
        manager,
      );
      return this.stepUps.grant(manager, principal, grant.operation!, grant.mfaTime ?? this.clock.now());
    });
  }

  /**
   * Spends the code (committed at once), then checks it: a code that fails its verifier or goes to the wrong
   * place is spent all the same, so the verifier cannot be guessed. A code presented again is a replay (it
   * leaked): the session its exchange opened is revoked.
   */
  private async redeem(
    codeHash: string,
    codeVerifier: string,
    audience: Audience,
    kind: AuthorizationCode['kind'],
  ): Promise<AuthorizationCode> {
    const grant = await this.codes.redeem(this.db.manager, codeHash, this.clock.now());
    if (!grant) {
      await this.revokeReplayed(codeHash);
      throw invalidGrant();
    }
    if (grant.audience !== audience || grant.kind !== kind || !verifierMatches(codeVerifier, grant.codeChallenge)) throw invalidGrant();
    return grant;
  }

  private async revokeReplayed(codeHash: string): Promise<void> {
    const spent = await this.codes.findSpent(codeHash);
    if (!spent) return;
    if (spent.sessionId) await this.sessions.revokeSession(spent.sessionId, 'code_replayed');
    await this.audit.record({
      type: 'authorization_code.replayed',
      subjectUserId: spent.userId,
      data: { audience: spent.audience, kind: spent.kind, sessionRevoked: spent.sessionId !== null },
    });
  }
}

function verifierMatches(codeVerifier: string, codeChallenge: string): boolean {
  if (!CODE_VERIFIER.test(codeVerifier)) return false;
  const computed = Buffer.from(createHash('sha256').update(codeVerifier).digest('base64url'));
  const expected = Buffer.from(codeChallenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

function invalidGrant(): DomainError {
  return DomainError.of('error.invalid_grant');
}
