import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditEventRepository, AuditRecord } from '../audit-events/audit-event.repository';
import { writeReturning } from '../returning';
import { Amr } from './assurance';
import { RevocationReason, Session } from './session.entity';

/** The sessions table (SES-4, SES-7): opened, read, given a fresh MFA proof, revoked. */
@Injectable()
export class SessionRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditEventRepository,
  ) {}

  /**
   * Opens `session` with its first refresh token and the audit `events` that describe it, in one statement:
   * atomic without a transaction of its own, and one round trip on every sign-in (PERF-1, PERF-2); the
   * statement that also writes `refresh_tokens` and `audit_events`. Pass the manager of an enclosing
   * transaction. Returns false, and writes nothing, when the user is not active.
   *
   * ABUSE-4: the statement holds a share lock on the user's row while it opens the session: a deactivation
   * either waits for this session (and then revokes it with the others) or committed first (then no session).
   *
   * ABUSE-9: a session a trusted device opens (`trustedDeviceId`) holds a share lock on the device's row too, and
   * opens only while the device is live: a revocation of the device (sign-out everywhere, a reset, its factor
   * removed) either waits for this session and revokes it, or committed first and no session opens. The device
   * is locked after the user, as every revocation locks them (the subquery is correlated with the user's locked
   * row), so a revocation holding the user's row never waits on this statement's lock of the device.
   */
  async open(
    manager: EntityManager,
    session: Session,
    refreshTokenHash: string,
    events: AuditRecord[],
    trustedDeviceId: string | null = null,
  ): Promise<boolean> {
    const parameters: unknown[] = [
      ...[session.id, session.userId, session.audience, session.acr, session.amr, session.authTime, session.mfaTime, session.createdAt],
      ...[session.expiresAt, session.ip, session.userAgent, refreshTokenHash, trustedDeviceId],
    ];
    const audit = events.length > 0 ? this.audit.insertion(events, parameters.length + 1, 'EXISTS (SELECT 1 FROM new_session)') : null;
    // Foreign keys are checked at the end of the statement, when the session row exists.
    const opened: Array<{ id: string }> = await manager.query(
      `WITH active_user AS (SELECT id FROM users WHERE id = $2::uuid AND status = 'active' FOR SHARE),
       new_session AS (
         INSERT INTO sessions (id, user_id, audience, acr, amr, auth_time, mfa_time, created_at, expires_at, step_up_failures, ip, user_agent)
         SELECT $1::uuid, id, $3::text, $4::text, $5::text[], $6::timestamptz, $7::timestamptz, $8::timestamptz, $9::timestamptz, 0, $10::text, $11::text
         FROM active_user
         WHERE $13::uuid IS NULL
            OR EXISTS (SELECT 1 FROM trusted_devices device WHERE device.id = $13::uuid AND device.user_id = active_user.id AND device.revoked_at IS NULL FOR SHARE)
         RETURNING id),
       first_refresh_token AS (INSERT INTO refresh_tokens (token_hash, session_id, created_at) SELECT $12::text, id, $8::timestamptz FROM new_session)
       ${audit ? `, audit AS (${audit.sql})` : ''}
       SELECT id FROM new_session`,
      [...parameters, ...(audit?.parameters ?? [])],
    );
    return opened.length > 0;
  }

  findLive(sessionId: string, manager: EntityManager = this.db.manager): Promise<Session | null> {
    return manager.findOneBy(Session, { id: sessionId, revokedAt: IsNull() });
  }

  /** The session of a refresh, locked until the rotation commits. */
  findForRefresh(manager: EntityManager, sessionId: string): Promise<Session | null> {
    return manager.findOne(Session, { where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * A fresh factor proof inside a session (POL-8): aal2 from now on, `mfa_time` now, the method added to
   * `amr`. The session as it is now, or null when it was revoked.
   */
  async recordMfa(manager: EntityManager, sessionId: string, method: Amr, at: Date): Promise<Session | null> {
    const [row] = await writeReturning<{ session: Record<string, unknown> }>(
      manager,
      `UPDATE sessions SET acr = 'aal2', mfa_time = $2,
         amr = ARRAY(SELECT DISTINCT unnest(amr || ARRAY[$3]::text[]) ORDER BY 1)
       WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [sessionId, at, method],
    );
    return row ? manager.findOneBy(Session, { id: sessionId }) : null;
  }

  /** A step-up is an MFA proof too (PAY-6): the session's MFA time moves with it. */
  async setMfaTime(manager: EntityManager, sessionId: string, at: Date): Promise<void> {
    // Never backwards: a proof handed over from a page (WEB-6) may be a few seconds older than the last one.
    await manager.query(`UPDATE sessions SET mfa_time = GREATEST(COALESCE(mfa_time, $2), $2) WHERE id = $1`, [sessionId, at]);
  }

  /** Revokes the sessions still live among `sessionIds`; returns those it revoked. */
  async revoke(manager: EntityManager, sessionIds: string[], reason: RevocationReason, at: Date): Promise<string[]> {
    const rows = await writeReturning<{ id: string }>(
      manager,
      `UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = ANY($1) AND revoked_at IS NULL RETURNING id`,
      [sessionIds, at, reason],
    );
    return rows.map((row) => row.id);
  }

  /** Revokes every live session of a user; returns their ids. */
  async revokeAllOfUser(manager: EntityManager, userId: string, reason: RevocationReason, at: Date): Promise<string[]> {
    const rows = await writeReturning<{ id: string }>(
      manager,
      `UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId, at, reason],
    );
    return rows.map((row) => row.id);
  }

  /** Whether the session is revoked; a session that does not exist counts as revoked. */
  async isRevoked(sessionId: string): Promise<boolean> {
    const rows: Array<{ revoked: boolean }> = await this.db.query(`SELECT revoked_at IS NOT NULL AS revoked FROM sessions WHERE id = $1`, [
      sessionId,
    ]);
    return rows[0]?.revoked ?? true;
  }

  /** Sessions revoked since `since`: what the revocation set must hold (SES-7). */
  async revokedSince(since: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM sessions WHERE revoked_at IS NOT NULL AND revoked_at >= $1`, [
      since,
    ]);
    return rows.map((row) => row.id);
  }
}
