import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every refresh token a session was given, by keyed hash (SES-4). A token is good until it is rotated;
 * presenting one that was already rotated means it leaked, and the whole session is revoked.
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn('text')
  tokenHash!: string;

  @Column('uuid')
  sessionId!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;
}
