import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { offsetOf, PageRequest } from '../pagination/page';

export interface AuditEventView {
  id: string;
  occurredAt: string;
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

interface AuditRow {
  id: string;
  occurred_at: Date;
  type: string;
  actor_user_id: string | null;
  actor_email: string | null;
  subject_user_id: string | null;
  subject_email: string | null;
  company_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  data: Record<string, unknown>;
}

/** Reads of the append-only audit trail for company admins. */
@Injectable()
export class CompanyAuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async count(companyId: string): Promise<number> {
    const [row] = await this.db.query<Array<{ total: number }>>(`${COMPANY_EVENTS} SELECT count(*)::int AS total FROM scoped`, [companyId]);
    return row!.total;
  }

  /** Newest first; the identity column orders events as they were recorded. */
  async page(companyId: string, request: PageRequest): Promise<AuditEventView[]> {
    const rows = await this.db.query<AuditRow[]>(
      `${COMPANY_EVENTS}
       SELECT scoped.*, actor.email AS actor_email, subject.email AS subject_email
       FROM scoped
       LEFT JOIN users actor ON actor.id = scoped.actor_user_id
       LEFT JOIN users subject ON subject.id = scoped.subject_user_id
       ORDER BY scoped.id DESC
       LIMIT $2 OFFSET $3`,
      [companyId, request.pageSize, offsetOf(request)],
    );
    return rows.map((row) => ({
      id: String(row.id),
      occurredAt: row.occurred_at.toISOString(),
      type: row.type,
      actorUserId: row.actor_user_id,
      actorEmail: row.actor_email,
      subjectUserId: row.subject_user_id,
      subjectEmail: row.subject_email,
      companyId: row.company_id,
      ip: row.ip,
      userAgent: row.user_agent,
      requestId: row.request_id,
      data: row.data,
    }));
  }
}
