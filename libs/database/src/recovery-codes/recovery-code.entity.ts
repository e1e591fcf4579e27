import { Column, Entity, PrimaryColumn } from 'typeorm';

/** REC-1: one live code per account, stored as a keyed hash only. */
@Entity('recovery_codes')
export class RecoveryCode {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @Column('text')
  codeHash!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  redeemedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  voidedAt!: Date | null;
}
