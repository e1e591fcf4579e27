import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Audience, FirstFactor } from '../sessions/assurance';

/** `revoked`: an admin reset ended it (RESET-2). */
export type PendingSignInStatus = 'pending' | 'completed' | 'failed' | 'revoked';

/**
 * A sign-in whose password step passed and whose MFA step is due (LOGIN-1). Its mfaToken (stored as a
 * keyed hash) opens only the MFA endpoints, for 10 minutes and 10 wrong codes (LOGIN-5, SES-8).
 */
@Entity('pending_sign_ins')
export class PendingSignIn {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @Column('text')
  audience!: Audience;

  @Column('text')
  tokenHash!: string;

  /** The first step: a password (`pwd`) or the company's identity provider (`fed`, PAY-11); first in the session's `amr`. */
  @Column('text')
  firstFactor!: FirstFactor;

  /** The user has no usable factor: the token also allows enrolling one (LOGIN-4). */
  @Column('boolean')
  enrollmentRequired!: boolean;

  /**
   * The existing factor proven in this sign-in with a `proof` challenge: a user with an active factor
   * enrolls another only after proving one (ABUSE-3).
   */
  @Column({ type: 'uuid', nullable: true })
  provenFactorId!: string | null;

  /** The product trusts devices for this user: completing the sign-in hands out a device token (SES-6). */
  @Column('boolean')
  trustDevice!: boolean;

  @Column('text')
  status!: PendingSignInStatus;

  @Column('integer')
  failedAttempts!: number;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
