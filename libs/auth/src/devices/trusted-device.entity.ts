import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Amr } from '../tokens/access-token';

/** SES-6: a device that proved MFA; its token, stored hashed, skips the MFA step for a while. */
@Entity('trusted_devices')
export class TrustedDevice {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @Column('text')
  tokenHash!: string;

  /** The factors proven in the MFA sign-in that trusted the device. */
  @Column('text', { array: true })
  amr!: Amr[];

  @Column('timestamptz')
  mfaTime!: Date;

  @Column('timestamptz')
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
