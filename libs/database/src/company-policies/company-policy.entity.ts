import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How often a user of an enforcing company proves a factor again (POL-6, SES-5, SES-6). */
export const REAUTH_INTERVALS = ['every_login', '12h', '7d', '30d'] as const;
export type ReauthInterval = (typeof REAUTH_INTERVALS)[number];

/** POL-3: `off` (not required), `scheduled` (required, before the instant), `enforced` (from the instant on). */
export type PolicyState = 'off' | 'scheduled' | 'enforced';

/**
 * A company's MFA policy (POL-1). It applies to every active member; it cannot target projects or
 * single users. A company without a row has never set one: its state is `off`.
 */
@Entity('company_policies')
export class CompanyPolicy {
  @PrimaryColumn('uuid')
  companyId!: string;

  @Column('boolean')
  required!: boolean;

  /** "YYYY-MM-DD" as the admin chose it, in `timeZone`. */
  @Column('date')
  enforcementDate!: string;

  /** The admin's IANA zone name. */
  @Column('text')
  timeZone!: string;

  /** 00:00 of `enforcementDate` in `timeZone`, as a UTC instant (POL-2). */
  @Column('timestamptz')
  enforcementStartsAt!: Date;

  @Column('text')
  reauthInterval!: ReauthInterval;

  /** PASSKEY-3: whether members may sign in with a passkey alone, without their password. */
  @Column('boolean')
  passwordlessAllowed!: boolean;

  /** Incremented on every save; later reminders carry it, so a moved deadline voids the older ones (NOTE-1). */
  @Column('integer')
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column('timestamptz')
  updatedAt!: Date;

  /** POL-3. The instant itself is already enforced: its first second binds. */
  stateAt(now: Date): PolicyState {
    if (!this.required) return 'off';
    return now.getTime() >= this.enforcementStartsAt.getTime() ? 'enforced' : 'scheduled';
  }
}
