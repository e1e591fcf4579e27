import { Injectable } from '@nestjs/common';
import { Clock, SecretKeyring } from '@sitepass/common';
import { EnrollmentEmailProofRepository, OutboxEntry, OutboxParams } from '@sitepass/database';
import { EmailTemplate, enrollmentEmailCodeAad } from '@sitepass/messaging';

export const ENROLLMENT_EMAIL_CODE: EmailTemplate = 'enrollment_email_code';

/**
 * The worker's side of ABUSE-16's email: the outbox row names the pending factor only; the code is opened from
 * its sealed copy at send time, while the enrollment still waits for it, and erased once delivered.
 */
@Injectable()
export class EnrollmentEmailCodes {
  constructor(
    private readonly proofs: EnrollmentEmailProofRepository,
    private readonly keyring: SecretKeyring,
    private readonly clock: Clock,
  ) {}

  /** The row's parameters with the code, or null when the code no longer needs sending (spent, expired, started again). */
  async paramsOf(row: OutboxEntry): Promise<OutboxParams | null> {
    if (!row.factorId) return null;
    const sealed = await this.proofs.findDeliverableCode(row.factorId, row.id, this.clock.now());
    if (!sealed) return null;
    const code = this.keyring.open({ keyId: sealed.codeKeyId, ciphertext: sealed.codeCiphertext }, enrollmentEmailCodeAad(row.factorId));
    return { ...row.params, code };
  }

  /** Once delivered, the code exists only as its hash. */
  async erase(row: OutboxEntry): Promise<void> {
    if (row.factorId) await this.proofs.eraseCode(row.factorId);
  }
}
