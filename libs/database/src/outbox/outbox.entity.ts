import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OutboxKind = 'sms' | 'email';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** Non-secret facts a message needs (a company name, a deadline): flat JSON values only. */
export type OutboxParams = Record<string, string | number | boolean | null>;

/**
 * One accepted message (SMS-3, NOTE-3). Carries ids and non-secret parameters only: the SMS code stays
 * sealed on its challenge, and the worker reads addresses at send time (SEC-1).
 */
@Entity('outbox')
export class OutboxEntry {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  kind!: OutboxKind;

  /** What the message is for: `challenge_code`, `test_message`, or an email template name. */
  @Column('text')
  purpose!: string;

  @Column('text')
  status!: OutboxStatus;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  challengeId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  factorId!: string | null;

  @Column('jsonb')
  params!: OutboxParams;

  @Column('integer')
  attempts!: number;

  @Column('timestamptz')
  createdAt!: Date;

  /** Not before: reminders are written ahead of time (NOTE-1). */
  @Column('timestamptz')
  availableAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastEnqueuedAt!: Date | null;

  /** A worker that claimed the row holds it until then; after that another may retry it. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseExpiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  providerMessageId!: string | null;

  @Column({ type: 'text', nullable: true })
  providerStatus!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
