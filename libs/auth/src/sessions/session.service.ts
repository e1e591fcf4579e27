import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addSeconds, Clock, KeyedHasher, randomToken, requestContext } from '@sitepass/common';
import {
  Acr,
  Amr,
  Audience,
  AuditEventRepository,
  AuditRecord,
  RefreshToken,
  RevocationReason,
  Session,
  writeReturning,
} from '@sitepass/database';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
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
    private readonly clock: Clock,
    private readonly hasher: KeyedHasher,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly revocations: RevocationStore,
    private readonly audit: AuditEventRepository,
  ) {}

  /**
   * Opens a session and returns its first tokens; pass the manager of an enclosing transaction. The
   * session, its first refresh token and the `events` that describe it are one statement: atomic without
   * a transaction of its own, and one round trip on every sign-in (PERF-1, PERF-2).
   *
   * ABUSE-4: the statement opens the session only for a user who is active at that moment, and holds a
   * share lock on the user's row while it does: a deactivation either waits for this session (and then
   * revokes it with the others) or has committed first (and then no session is opened).
   */
  async startSession(
    userId: string,
    audience: Audience,
    assurance: Assurance,
    manager: EntityManager = this.db.manager,
    events: AuditRecord[] = [],
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
    const parameters: unknown[] = [
      ...[session.id, userId, audience, session.acr, session.amr, session.authTime, session.mfaTime, now, session.expiresAt],
      ...[session.ip, session.userAgent, this.hasher.hash(REFRESH_TOKEN_PURPOSE, refreshToken)],
    ];
    const audit = events.length > 0 ? this.audit.insertion(events, parameters.length + 1, 'EXISTS (SELECT 1 FROM new_session)') : null;
    // Foreign keys are checked at the end of the statement, when the session row exists.
    const opened: Array<{ id: string }> = await manager.query(
      `WITH active_user AS (SELECT id FROM users WHERE id = $2::uuid AND status = 'active' FOR SHARE),
       new_session AS (
         INSERT INTO sessions (id, user_id, audience, acr, amr, auth_time, mfa_time, created_at, expires_at, step_up_failures, ip, user_agent)
         SELECT $1::uuid, id, $3::text, $4::text, $5::text[], $6::timestamptz, $7::timestamptz, $8::timestamptz, $9::timestamptz, 0, $10::text, $11::text
         FROM active_user RETURNING id),
       first_refresh_token AS (INSERT INTO refresh_tokens (token_hash, session_id, created_at) SELECT $12::text, id, $8::timestamptz FROM new_session)
       ${audit ? `, audit AS (${audit.sql})` : ''}
       SELECT id FROM new_session`,
      [...parameters, ...(audit?.parameters ?? [])],
    );
    if (opened.length === 0) throw new DomainError('invalid_credentials', 'The email or password is not correct.');
    return { session, tokens: this.tokensFor(session, refreshToken) };
  }

  findLiveSession(sessionId: string, manager: EntityManager = this.db.manager): Promise<Session | null> {
    return manager.findOneBy(Session, { id: sessionId, revokedAt: IsNull() });
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
      const token = await manager.findOne(RefreshToken, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
      const session = token && (await manager.findOne(Session, { where: { id: token.sessionId }, lock: { mode: 'pessimistic_write' } }));
      if (!token || !session || session.audience !== audience) {
        throw new DomainError('invalid_token', 'The refresh token is not valid.');
      }
      if (session.revokedAt) throw new DomainError('session_revoked', 'The session has been revoked.');
      if (token.rotatedAt) {
        await this.revokeSessions(manager, [session.id], 'refresh_reuse');
        await this.audit.record(
          { type: 'session.refresh_reused', subjectUserId: session.userId, data: { sessionId: session.id } },
          manager,
        );
        return { kind: 'reused' } as const;
      }
      if (this.clock.now() >= session.expiresAt) throw new DomainError('session_expired', 'The session has ended; sign in again.');
      await checkSession(session, manager);
      await manager.update(RefreshToken, { tokenHash }, { rotatedAt: this.clock.now() });
      return { kind: 'rotated', tokens: await this.issueTokens(session, manager) } as const;
    });
    if (outcome.kind === 'reused')
      throw new DomainError('session_revoked', 'This refresh token was already used; the session has been revoked.');
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
    const [session] = await writeReturning<{ id: string }>(
      manager,
      `UPDATE sessions SET acr = 'aal2', mfa_time = $2,
         amr = ARRAY(SELECT DISTINCT unnest(amr || ARRAY[$3]::text[]) ORDER BY 1)
       WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [sessionId, mfaTime, method],
    );
    if (!session) throw new DomainError('session_revoked', 'The session has been revoked.');
    const updated = (await manager.findOneBy(Session, { id: sessionId }))!;
    return { accessToken: this.accessTokens.issue({ ...updated, sessionId }), expiresIn: this.accessTokens.lifetimeSeconds, mfaTime };
  }

  /** Revokes one session; its access tokens fail on every instance at once (SES-7). */
  async revokeSession(sessionId: string, reason: RevocationReason): Promise<void> {
    await this.db.transaction((manager) => this.revokeSessions(manager, [sessionId], reason));
  }

  /** Revokes every live session of a user inside the caller's transaction (RESET-2, ABUSE-4, ABUSE-9); returns their ids. */
  async revokeAllForUser(userId: string, reason: RevocationReason, manager: EntityManager): Promise<string[]> {
    const rows = await writeReturning<{ id: string }>(
      manager,
      `UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId, this.clock.now(), reason],
    );
    const sessionIds = rows.map((row) => row.id);
    await this.revocations.add(sessionIds);
    return sessionIds;
  }

  /**
   * Revokes sessions inside the caller's transaction. The revocation set every instance reads is told
   * before the transaction commits (ABUSE-8): if Redis cannot take it, the request fails and nothing is
   * revoked; if the commit fails after Redis took it, the sessions are refused a little early, never late.
   */
  async revokeSessions(manager: EntityManager, sessionIds: string[], reason: RevocationReason): Promise<void> {
    const rows = await writeReturning<{ id: string }>(
      manager,
      `UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = ANY($1) AND revoked_at IS NULL RETURNING id`,
      [sessionIds, this.clock.now(), reason],
    );
    await this.revocations.add(rows.map((row) => row.id));
  }

  private async issueTokens(session: Session, manager: EntityManager): Promise<IssuedTokens> {
    const refreshToken = randomToken();
    await manager.insert(RefreshToken, {
      tokenHash: this.hasher.hash(REFRESH_TOKEN_PURPOSE, refreshToken),
      sessionId: session.id,
      createdAt: this.clock.now(),
      rotatedAt: null,
    });
    return this.tokensFor(session, refreshToken);
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
