import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EnforcementNotice, FACTOR_TYPE_NAMES, FactorView, RequirementReason } from '@sitepass/auth';
import { FactorStatus, PolicyState, REAUTH_INTERVALS, ReauthInterval } from '@sitepass/database';
import { membersOf } from '@sitepass/http';

/** One of the user's own factors, pending or active. */
export class FactorViewDto implements FactorView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: FACTOR_TYPE_NAMES })
  type!: string;

  @ApiProperty({ enum: membersOf<FactorStatus>({ pending: true, active: true, revoked: true }) })
  status!: FactorStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  activatedAt!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'A pending enrollment lapses then (TOTP-3)' })
  expiresAt!: string | null;

  @ApiPropertyOptional({ example: '+1******0123', description: 'SMS only' })
  maskedPhoneNumber?: string;

  @ApiPropertyOptional({ example: 'MacBook Touch ID', description: 'Passkeys only: the name its user gave it' })
  name?: string;
}

/** POL-3: the earliest deadline among the user's companies that schedule or enforce MFA. */
export class EnforcementNoticeDto implements EnforcementNotice {
  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty()
  companyName!: string;

  @ApiProperty({ enum: membersOf<Exclude<PolicyState, 'off'>>({ scheduled: true, enforced: true }) })
  state!: Exclude<PolicyState, 'off'>;

  @ApiProperty({ format: 'date-time' })
  enforcementStartsAt!: string;

  @ApiProperty({ enum: REAUTH_INTERVALS })
  reauthInterval!: ReauthInterval;
}

/** REC-1: whether a recovery code is there to use; never the code itself. */
export class RecoveryCodeStatusDto {
  @ApiProperty()
  available!: boolean;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  issuedAt!: string | null;
}

/** The user's own MFA (POL-8): what is required of them and why, and what they have. */
export class MfaOverviewDto {
  @ApiProperty()
  mfaRequired!: boolean;

  @ApiProperty({
    enum: membersOf<RequirementReason>({
      always_require_mfa: true,
      enrolled: true,
      company_policy: true,
      pay_role: true,
      support_staff: true,
      mfa_reset: true,
    }),
    isArray: true,
  })
  reasons!: RequirementReason[];

  @ApiProperty({ enum: FACTOR_TYPE_NAMES, isArray: true, description: 'The types this product accepts from this user' })
  allowedFactorTypes!: string[];

  @ApiProperty({ description: 'Whether the user may enroll outside a forced sign-in (POL-4)' })
  enrollmentAvailable!: boolean;

  @ApiProperty({ description: 'How long an MFA proof keeps a session refreshable (SES-5)' })
  reauthIntervalSeconds!: number;

  @ApiProperty({ type: EnforcementNoticeDto, nullable: true, description: 'null when no company of the user schedules or enforces MFA' })
  enforcement!: EnforcementNoticeDto | null;

  @ApiProperty({ type: [FactorViewDto] })
  factors!: FactorViewDto[];

  @ApiProperty({ type: RecoveryCodeStatusDto })
  recoveryCode!: RecoveryCodeStatusDto;
}

/** SMS-8: the test message is queued; its delivery is the worker's. */
export class TestMessageDto {
  @ApiProperty({ format: 'uuid' })
  deliveryId!: string;
}

/** REC-2: the new recovery code, shown this once; the old one no longer works. */
export class RecoveryCodeDto {
  @ApiProperty({ example: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01' })
  recoveryCode!: string;
}
