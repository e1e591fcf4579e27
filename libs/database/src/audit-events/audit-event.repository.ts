import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, requestContext } from '@sitepass/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, PageRequest } from '../pagination';
import { ReadReplica } from '../read-replica';
import { AuditEventType } from './audit-event-type';

export interface AuditRecord {
  type: AuditEventType;
  actorUserId?: string | null;
  subjectUserId?: string | null;
  companyId?: string | null;
  /** Facts about the event: factor types, reasons, counts. Never a secret, code or token (SEC-1). */
  data?: Record<string, unknown>;
}

/** An event as a company admin reads it, with the emails of its actor and subject. */
export interface CompanyAuditEvent {
  id: string;
  occurredAt: Date;
  type: string;
  actorUserId: string | null;
  actorEmail: string | null;
  subjectUserId: string | null;
  subjectEmail: string | null;
  companyId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  data: Record<string, unknown>;
}

/**
 * AUD-2: a company's events are those recorded for the company (policy changes, resets) and those about
 * no company in particular (sign-ins, MFA, factors) whose subject is an active member. Two index scans
 * (company_id, then subject_user_id), disjoint by construction.
 *
 * ABUSE-11: a company-less event is listed only when nobody else acted on the member (no actor, or the
 * member themselves). An event that someone else caused belongs to the company they acted for, and every
 * other company of the member must not see that actor; rows written before resets carried their company
 * (and any future omission) stay out of the other companies' lists instead of showing another admin.
 */
const COMPANY_EVENTS = `
  WITH scoped AS (
    SELECT * FROM audit_events WHERE company_id = $1
    UNION ALL
    SELECT * FROM audit_events
    WHERE company_id IS NULL
      AND subject_user_id IN (SELECT user_id FROM memberships WHERE company_id = $1 AND status = 'active')
      AND (actor_user_id IS NULL OR actor_user_id = subject_user_id)
  )`;

/**
 * The append-only audit trail (AUD-1, AUD-2): rows are only inserted, with the request's time, IP, user
 * agent and id; a trigger refuses UPDATE and DELETE.
 */
@Injectable()
export class AuditEventRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly replica: ReadReplica,
  ) {}

  /** Pass the transaction's manager so that the event commits, or not, with the change it describes. */
  async record(record: AuditRecord, manager: EntityManager = this.db.manager): Promise<void> {
    await this.recordMany([record], manager);
  }

  async recordMany(records: AuditRecord[], manager: EntityManager = this.db.manager): Promise<void> {
    if (records.length === 0) return;
    const { sql, parameters } = this.insertion(records);
    await manager.query(sql, parameters);
  }

  /**
   * The INSERT of `records` (at least one) as SQL and parameters numbered from `firstParameter`, for a
   * repository that writes them in the same statement as the change they describe (one round trip on hot
   * paths). With `onlyIf`, an SQL condition, the rows are written only when it holds (the change happened).
   */
  insertion(records: AuditRecord[], firstParameter = 1, onlyIf?: string): { sql: string; parameters: unknown[] } {
    const context = requestContext.current();
    const occurredAt = this.clock.now();
    const rows = records.map((record) => [
      occurredAt,
      record.type,
      record.actorUserId ?? record.subjectUserId ?? null,
      record.subjectUserId ?? null,
      record.companyId ?? null,
      context?.ip ?? null,
      context?.userAgent ?? null,
      context?.requestId ?? null,
      JSON.stringify(record.data ?? {}),
    ]);
    // Typed placeholders: inside INSERT … SELECT nothing else tells PostgreSQL the parameters' types.
    const types = ['timestamptz', 'text', 'uuid', 'uuid', 'uuid', 'text', 'text', 'text', 'jsonb'];
    const placeholders = rows.map(
      (_, row) => `(${types.map((type, column) => `$${firstParameter + row * types.length + column}::${type}`).join(', ')})`,
    );
    const columns = 'occurred_at, type, actor_user_id, subject_user_id, company_id, ip, user_agent, request_id, data';
    return {
      sql: onlyIf
        ? `INSERT INTO audit_events (${columns}) SELECT * FROM (VALUES ${placeholders.join(', ')}) AS event WHERE ${onlyIf}`
        : `INSERT INTO audit_events (${columns}) VALUES ${placeholders.join(', ')}`,
      parameters: rows.flat(),
    };
  }

  /** A report (AUD-2): read from the replica (REL-4), so it may miss the last moments' events. */
  async countForCompany(companyId: string): Promise<number> {
    const [row] = await this.replica.query<Array<{ total: number }>>(`${COMPANY_EVENTS} SELECT count(*)::int AS total FROM scoped`, [
      companyId,
    ]);
    return row!.total;
  }

  /** Newest first; the identity column orders events as they were recorded. A report: from the replica (REL-4). */
  async pageForCompany(companyId: string, request: PageRequest): Promise<CompanyAuditEvent[]> {
    const rows = await this.replica.query<Array<Record<string, unknown>>>(
      `${COMPANY_EVENTS}
       SELECT scoped.*, actor.email AS actor_email, subject.email AS subject_email
       FROM scoped
       LEFT JOIN users actor ON actor.id = scoped.actor_user_id
       LEFT JOIN users subject ON subject.id = scoped.subject_user_id
       ORDER BY scoped.id DESC
       LIMIT $2 OFFSET $3`,
      [companyId, request.pageSize, offsetOf(request)],
    );
    return rows.map(auditEventOf);
  }

  /**
   * SMS-10's blocks and releases, and any later event about the platform itself: no company, no subject. The
   * operators' list (`GET /internal/v1/audit-events`), newest first, optionally of one type. From the replica.
   */
  async pagePlatform(type: AuditEventType | null, request: PageRequest): Promise<{ total: number; items: CompanyAuditEvent[] }> {
    const where = `company_id IS NULL AND subject_user_id IS NULL AND ($1::text IS NULL OR type = $1)`;
    const [[count], rows] = await Promise.all([
      this.replica.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM audit_events WHERE ${where}`, [type]),
      this.replica.query<Array<Record<string, unknown>>>(
        `SELECT audit_events.*, actor.email AS actor_email, NULL AS subject_email FROM audit_events
         LEFT JOIN users actor ON actor.id = audit_events.actor_user_id
         WHERE ${where} ORDER BY audit_events.id DESC LIMIT $2 OFFSET $3`,
        [type, request.pageSize, offsetOf(request)],
      ),
    ]);
    return { total: count!.total, items: rows.map(auditEventOf) };
  }
}

function auditEventOf(row: Record<string, unknown>): CompanyAuditEvent {
  return {
    id: String(row.id),
    occurredAt: row.occurred_at as Date,
    type: row.type as string,
    actorUserId: row.actor_user_id as string | null,
    actorEmail: row.actor_email as string | null,
    subjectUserId: row.subject_user_id as string | null,
    subjectEmail: row.subject_email as string | null,
    companyId: row.company_id as string | null,
    ip: row.ip as string | null,
    userAgent: row.user_agent as string | null,
    requestId: row.request_id as string | null,
    data: row.data as Record<string, unknown>,
  };
}
