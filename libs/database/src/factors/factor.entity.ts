import { Column, Entity, PrimaryColumn } from 'typeorm';

export type FactorStatus = 'pending' | 'active' | 'revoked';
export type FactorRevocationReason = 'removed' | 'replaced' | 'expired' | 'admin_reset' | 'enrollment_failed';

/** One registered means of proof (TOTP-*, SMS-*). A pending factor becomes active when confirmed. */
@Entity('factors')
export class Factor {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @Column('text')
  /** A registered factor type's name (libs/auth/src/factor-types/registry.ts). */
  type!: string;

  @Column('text')
  status!: FactorStatus;

  /** The TOTP secret, AES-256-GCM under the key named in secretKeyId (TOTP-6). */
  @Column({ type: 'text', nullable: true })
  secretCiphertext!: string | null;

  @Column({ type: 'text', nullable: true })
  secretKeyId!: string | null;

  /** The newest TOTP time step accepted; older or equal steps are replays (TOTP-4). */
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: { to: (value) => value, from: (value) => (value === null ? null : Number(value)) },
  })
  lastUsedStep!: number | null;

  /** TOTP steps whose codes were refused as clock-skewed: never accepted later (ABUSE-6). */
  @Column({
    type: 'bigint',
    array: true,
    transformer: { to: (value) => value, from: (value: string[] | null) => (value ?? []).map(Number) },
  })
  refusedSteps!: number[];

  /** E.164 (SMS-1). */
  @Column({ type: 'text', nullable: true })
  phoneNumber!: string | null;

  /** What its user calls it ("MacBook Touch ID"): passkeys, of which a user may have several (PASSKEY-2). */
  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** The active factor this pending one will replace when confirmed (TOTP-5, SMS-9). */
  @Column({ type: 'uuid', nullable: true })
  replacesFactorId!: string | null;

  @Column('timestamptz')
  createdAt!: Date;

  /** When a pending enrollment lapses (TOTP-3). */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason!: FactorRevocationReason | null;
}
