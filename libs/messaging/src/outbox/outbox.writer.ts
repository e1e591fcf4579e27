import { Injectable } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OutboxEntry, OutboxKind, OutboxParams, OutboxRepository } from '@sitepass/database';

export interface NewOutboxEntry {
  kind: OutboxKind;
  purpose: string;
  userId?: string | null;
  challengeId?: string | null;
  factorId?: string | null;
  params?: OutboxParams;
  availableAt?: Date;
}

/**
 * Records accepted messages in the caller's transaction (SMS-3): the message exists exactly when the
 * change that caused it committed. A database trigger announces the row to the worker's relay.
 */
@Injectable()
export class OutboxWriter {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: OutboxRepository,
  ) {}

  async add(manager: EntityManager, entry: NewOutboxEntry): Promise<OutboxEntry> {
    const [row] = await this.addMany(manager, [entry]);
    return row!;
  }

  /** Many rows in few statements: a policy announcement goes to every member of a company at once. */
  async addMany(manager: EntityManager, entries: NewOutboxEntry[]): Promise<OutboxEntry[]> {
    const rows = entries.map((entry) => this.row(manager, entry));
    await this.outbox.insertMany(manager, rows);
    return rows;
  }

  private row(manager: EntityManager, entry: NewOutboxEntry): OutboxEntry {
    const now = this.clock.now();
    return manager.create(OutboxEntry, {
      id: randomUUID(),
      kind: entry.kind,
      purpose: entry.purpose,
      status: 'pending',
      userId: entry.userId ?? null,
      challengeId: entry.challengeId ?? null,
      factorId: entry.factorId ?? null,
      params: entry.params ?? {},
      attempts: 0,
      createdAt: now,
      availableAt: entry.availableAt ?? now,
      lastEnqueuedAt: null,
      leaseExpiresAt: null,
      sentAt: null,
      failedAt: null,
      providerMessageId: null,
      providerStatus: null,
      lastError: null,
    });
  }

  /** A resend voids the earlier code: its undelivered message must not go out (SMS-2). */
  cancelPendingForChallenge(manager: EntityManager, challengeId: string): Promise<void> {
    return this.outbox.cancelPendingForChallenge(manager, challengeId);
  }
}
