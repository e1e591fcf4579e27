import { Column, Entity, PrimaryColumn } from 'typeorm';

/** AUD-1. Rows are only ever inserted; a trigger refuses UPDATE and DELETE (AUD-2). */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryColumn({ type: 'bigint', generated: 'identity' })
  id!: string;

  @Column('timestamptz')
  occurredAt!: Date;

  @Column('text')
  type!: string;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectUserId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  companyId!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  @Column('jsonb')
  data!: Record<string, unknown>;
}
