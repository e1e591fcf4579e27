import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Amr } from '../sessions/assurance';

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

  /** The factor whose proof trusted the device: the device is trusted only while that factor is (ABUSE-9). */
  @Column('uuid')
  factorId!: string;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent!: string | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
