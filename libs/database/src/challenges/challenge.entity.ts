import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `proof`: an existing factor proven inside a sign-in before another is enrolled (ABUSE-3). */
export type ChallengePurpose = 'sign_in' | 'reauthentication' | 'enrollment' | 'step_up' | 'proof';
export type ChallengeStatus = 'pending' | 'verified' | 'failed' | 'revoked';

/** One issued, expiring, attempt-limited request to prove a factor (LOGIN-3, LOGIN-5). */
@Entity('challenges')
export class Challenge {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @Column('uuid')
  factorId!: string;

  @Column('text')
  purpose!: ChallengePurpose;

  /** Set for sign-in challenges and enrollments inside a sign-in. */
  @Column({ type: 'uuid', nullable: true })
  pendingSignInId!: string | null;

  /** Set for re-checks and step-ups inside a session. */
  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  /** The Pay operation a step-up is bound to (PAY-6). */
  @Column({ type: 'text', nullable: true })
  operation!: string | null;

  @Column('text')
  status!: ChallengeStatus;

  @Column('integer')
  failedAttempts!: number;

  /** SMS: keyed hash of the newest code only (SMS-2). */
  @Column({ type: 'text', nullable: true })
  codeHash!: string | null;

  /** SMS: the code sealed for the worker until delivered or expired (SMS-2). */
  @Column({ type: 'text', nullable: true })
  codeCiphertext!: string | null;

  @Column({ type: 'text', nullable: true })
  codeKeyId!: string | null;

  /** SMS: the outbox row carrying the newest code; older rows are void (SMS-2, SMS-4). */
  @Column({ type: 'uuid', nullable: true })
  deliveryId!: string | null;

  /** WebAuthn: the random challenge (base64url) the ceremony's answer must sign; spent with the challenge (PASSKEY-1). */
  @Column({ type: 'text', nullable: true })
  webauthnChallenge!: string | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resendAvailableAt!: Date | null;
}
