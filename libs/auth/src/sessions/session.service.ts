import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addSeconds, Clock, KeyedHasher, randomToken, requestContext } from '@sitepass/common';
import {
  Acr,
  Amr,
  Audience,
  AuditEventRepository,
  AuditRecord,
  RefreshTokenRepository,
  RevocationReason,
  Session,
  SessionRepository,
} from '@sitepass/database';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain.error';
import { AccessTokenIssuer } from '../tokens/access-token.issuer';
import { RevocationStore } from './revocation.store';

export const SESSION_LIFETIME_SECONDS = 30 * 24 * 3600;
const REFRESH_TOKEN_PURPOSE = 'refresh-token';

export interface Assurance {
  acr: Acr;
  amr: Amr[];
  mfaTime: Date | null;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Sessions and their tokens (SES-2, SES-4, SES-7): start, rotate, revoke. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly clock: Clock,
    private readonly hasher: KeyedHasher,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly revocations: RevocationStore,
    private readonly audit: AuditEventRepository,
  ) {}

  /**
   * Opens a session and returns its first tokens; pass the manager of an enclosing transaction. The
   * session, its first refresh token and the `events` that describe it are written in one statement
   * (PERF-1, PERF-2), only for a user active at that moment (ABUSE-4).
   */
  async startSession(
    userId: string,
    audience: Audience,
    assurance: Assurance,
    manager: EntityManager = this.db.manager,
    events: AuditRecord[] = [],
    /** ABUSE-9: the trusted device this sign-in relies on; no session opens once it is revoked. */
    trustedDeviceId: string | null = null,
  ): Promise<{ session: Session; tokens: IssuedTokens }> {
    const now = this.clock.now();
    const context = requestContext.current();
    const session = manager.create(Session, {
      id: randomUUID(),
      userId,
      audience,
      ...assurance,
      authTime: now,
      createdAt: now,
      expiresAt: addSeconds(now, SESSION_LIFETIME_SECONDS),
      revokedAt: null,
      revokedReason: null,
      stepUpFailures: 0,
      ip: context?.ip ?? null,
      userAgent: context?.userAgent ?? null,
    });
    const refreshToken = randomToken();
    if (!(await this.sessions.open(manager, session, this.hasher.hash(REFRESH_TOKEN_PURPOSE, refreshToken), events, trustedDeviceId))) {
      throw DomainError.of('error.invalid_credentials');
    }
    return { session, tokens: this.tokensFor(session, refreshToken) };
  }

  findLiveSession(sessionId: string, manager?: EntityManager): Promise<Session | null> {
    return this.sessions.findLive(sessionId, manager);
  }

  /**
   * Rotates a refresh token (SES-4). A token that was already rotated has leaked or been replayed:
   * the whole session is revoked. `checkSession` applies the product's rules (SES-5) before rotation.
   */
  async refresh(
    presented: string,
    audience: Audience,
    checkSession: (session: Session, manager: EntityManager) => Promise<void>,
  ): Promise<IssuedTokens> {
    const tokenHash = this.hasher.hash(REFRESH_TOKEN_PURPOSE, presented);
    const outcome = await this.db.transaction(async (manager) => {
      const token = await this.refreshTokens.findForRotation(manager, tokenHash);
      const session = token && (await this.sessions.findForRefresh(manager, token.sessionId));
      if (!token || !session || session.audience !== audience) {
        throw DomainError.of('error.invalid_token.refresh_token');
      }
      if (session.revokedAt) throw DomainError.of('error.session_revoked');
      if (token.rotatedAt) {
        await this.revokeSessions(manager, [session.id], 'refresh_reuse');
        await this.audit.record(
          { type: 'session.refresh_reused', subjectUserId: session.userId, data: { sessionId: session.id } },
          manager,
        );
        return { kind: 'reused' } as const;
      }
      const now = this.clock.now();
      if (now >= session.expiresAt) throw DomainError.of('error.session_expired');
      await checkSession(session, manager);
      await this.refreshTokens.markRotated(manager, tokenHash, now);
      const refreshToken = randomToken();
      await this.refreshTokens.insert(manager, session.id, this.hasher.hash(REFRESH_TOKEN_PURPOSE, refreshToken), now);
      return { kind: 'rotated', tokens: this.tokensFor(session, refreshToken) } as const;
    });
    if (outcome.kind === 'reused') throw DomainError.of('error.session_revoked.refresh_token_reused');
    return outcome.tokens;
  }

  /**
   * A fresh factor proof inside a session (a re-check for POL-8): the session is aal2 from now on, its
   * mfa_time is now, and a new access token says so. The refresh token is unchanged.
   */
  async recordMfa(
    sessionId: string,
    method: Amr,
    manager: EntityManager,
  ): Promise<{ accessToken: string; expiresIn: number; mfaTime: Date }> {
    const mfaTime = this.clock.now();
    const updated = await this.sessions.recordMfa(manager, sessionId, method, mfaTime);
    if (!updated) throw DomainError.of('error.session_revoked');
    return { accessToken: this.accessTokens.issue({ ...updated, sessionId }), expiresIn: this.accessTokens.lifetimeSeconds, mfaTime };
  }

  /** Revokes one session; its access tokens fail on every instance at once (SES-7). */
  async revokeSession(sessionId: string, reason: RevocationReason): Promise<void> {
    await this.db.transaction((manager) => this.revokeSessions(manager, [sessionId], reason));
  }

  /** Revokes every live session of a user inside the caller's transaction (RESET-2, ABUSE-4, ABUSE-9); returns their ids. */
  async revokeAllForUser(userId: string, reason: RevocationReason, manager: EntityManager): Promise<string[]> {
    const sessionIds = await this.sessions.revokeAllOfUser(manager, userId, reason, this.clock.now());
    await this.revocations.add(sessionIds);
    return sessionIds;
  }

  /**
   * Revokes sessions inside the caller's transaction. The revocation set every instance reads is told
   * before the transaction commits (ABUSE-8): if Redis cannot take it, the request fails and nothing is
   * revoked; if the commit fails after Redis took it, the sessions are refused a little early, never late.
   */
  async revokeSessions(manager: EntityManager, sessionIds: string[], reason: RevocationReason): Promise<void> {
    await this.revocations.add(await this.sessions.revoke(manager, sessionIds, reason, this.clock.now()));
  }

  private tokensFor(session: Session, refreshToken: string): IssuedTokens {
    const accessToken = this.accessTokens.issue({
      userId: session.userId,
      sessionId: session.id,
      audience: session.audience,
      acr: session.acr,
      amr: session.amr,
      authTime: session.authTime,
      mfaTime: session.mfaTime,
    });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.accessTokens.lifetimeSeconds };
  }
}
