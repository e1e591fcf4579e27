import { Column, Entity, PrimaryColumn } from 'typeorm';

/** PAY-6: the right to perform one operation once, for 5 minutes, earned by a step-up in one session. */
@Entity('step_up_grants')
export class StepUpGrant {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  sessionId!: string;

  @Column('uuid')
  userId!: string;

  @Column('text')
  operation!: string;

  @Column('text')
  tokenHash!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  /** Set by the authorization it grants (PAY-7). */
  @Column({ type: 'timestamptz', nullable: true })
  consumedAt!: Date | null;
}
