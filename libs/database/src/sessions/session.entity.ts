import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Acr, Amr, Audience } from './assurance';

export type RevocationReason =
  | 'sign_out'
  | 'sign_out_everywhere'
  | 'refresh_reuse'
  | 'admin_reset'
  | 'step_up_failures'
  | 'mfa_reauth'
  | 'deactivated'
  | 'password_changed'
  | 'code_replayed';

/** A signed-in session of one product (SES-4, SES-7). Access tokens name it in their `sid` claim. */
@Entity('sessions')
export class Session {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @Column('text')
  audience!: Audience;

  @Column('text')
  acr!: Acr;

  @Column('text', { array: true })
  amr!: Amr[];

  @Column('timestamptz')
  authTime!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  mfaTime!: Date | null;

  @Column('timestamptz')
  createdAt!: Date;

  /** Sessions last at most 30 days, however often they are refreshed (SES-4). */
  @Column('timestamptz')
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason!: RevocationReason | null;

  /** Failed step-ups in this session; the 10th revokes it (PAY-9). */
  @Column('integer')
  stepUpFailures!: number;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent!: string | null;
}
