import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, requestContext } from '@sitepass/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEventType } from '@sitepass/database';

export interface AuditRecord {
  type: AuditEventType;
  actorUserId?: string | null;
  subjectUserId?: string | null;
  companyId?: string | null;
  /** Facts about the event: factor types, reasons, counts. Never a secret, code or token (SEC-1). */
  data?: Record<string, unknown>;
}

/** Appends audit events with the request's time, IP, user agent and id (AUD-1). */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
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
   * caller that writes them in the same statement as the change they describe (one round trip on hot paths).
   * With `onlyIf`, an SQL condition, the rows are written only when it holds (the change happened).
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
}
