import { Locale } from '@sitepass/i18n';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type UserStatus = 'active' | 'inactive';

/** DIR-1. Emails are stored lower-cased; the password is an argon2id hash, absent for SSO-only users. */
@Entity('users')
export class User {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column({ type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column('text')
  status!: UserStatus;

  /** A locked "always require MFA" switch that only support or seeding sets. */
  @Column('boolean')
  alwaysRequireMfa!: boolean;

  /** Platform support staff (DIR-3, PAY-10). */
  @Column('boolean')
  support!: boolean;

  /** The language the user reads (I18N-2): answers, texts and emails; null follows Accept-Language, then English. */
  @Column({ type: 'text', nullable: true })
  locale!: Locale | null;

  /** Consecutive failed MFA proofs across sign-ins; any success resets it (LOGIN-5). */
  @Column('integer')
  mfaFailureCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  mfaBlockedUntil!: Date | null;

  /** Set after 100 consecutive failures; only a reset clears it (LOGIN-5). */
  @Column({ type: 'timestamptz', nullable: true })
  mfaLockedAt!: Date | null;

  /** Set by a reset (RESET-2, RESET-5): the next sign-in enrolls a factor; the first one confirmed clears it. */
  @Column('boolean')
  mfaReenrollmentRequired!: boolean;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
