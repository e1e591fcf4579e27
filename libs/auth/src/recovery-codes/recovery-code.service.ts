import { Injectable } from '@nestjs/common';
import { Clock, KeyedHasher } from '@sitepass/common';
import { RecoveryCode, RecoveryCodeRepository } from '@sitepass/database';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { formatRecoveryCode, generateRecoveryCode, normalizeRecoveryCode } from './recovery-code.format';

const PURPOSE = 'recovery-code';

export interface RecoveryCodeStatus {
  available: boolean;
  issuedAt: Date | null;
}

/** Recovery codes (REC-1 to REC-3): one live code per account, by keyed hash, single use. */
@Injectable()
export class RecoveryCodeService {
  constructor(
    private readonly codes: RecoveryCodeRepository,
    private readonly hasher: KeyedHasher,
    private readonly clock: Clock,
  ) {}

  /** Voids every earlier code and returns the new one, formatted, to show once (REC-2). */
  async issue(userId: string, manager: EntityManager): Promise<string> {
    const now = this.clock.now();
    await this.voidAll(userId, manager);
    const code = generateRecoveryCode();
    await this.codes.insert(
      manager,
      Object.assign(new RecoveryCode(), {
        id: randomUUID(),
        userId,
        codeHash: this.hasher.hash(PURPOSE, code),
        createdAt: now,
        redeemedAt: null,
        voidedAt: null,
      }),
    );
    return formatRecoveryCode(code);
  }

  voidAll(userId: string, manager: EntityManager): Promise<void> {
    return this.codes.voidAll(manager, userId, this.clock.now());
  }

  /** Consumes the live code if it matches; one conditional UPDATE, so a code works once under any concurrency (REC-3). */
  async redeem(userId: string, input: string, manager: EntityManager): Promise<boolean> {
    const code = normalizeRecoveryCode(input);
    if (!code) return false;
    return this.codes.redeem(manager, userId, this.hasher.hash(PURPOSE, code), this.clock.now());
  }

  async status(userId: string, manager?: EntityManager): Promise<RecoveryCodeStatus> {
    const issuedAt = await this.codes.liveIssuedAt(userId, manager);
    return { available: issuedAt !== null, issuedAt };
  }
}
