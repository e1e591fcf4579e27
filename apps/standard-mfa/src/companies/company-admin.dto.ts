import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { fieldRule } from '@sitepass/i18n';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { FACTOR_TYPE_NAMES, MemberStatusTotals, PolicyView } from '@sitepass/auth';
import { AuditEventType, MembershipRole, PolicyState, REAUTH_INTERVALS, ReauthInterval } from '@sitepass/database';
import { membersOf } from '@sitepass/http';

/** POL-1. The date's calendar validity and the zone's existence are checked by the domain (field errors too). */
export class SetPolicyDto {
  @IsBoolean()
  required!: boolean;

  @ApiProperty({ example: '2026-03-09', description: 'Enforcement starts at 00:00 of this date in timeZone (POL-2)' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, fieldRule('validation.date_format'))
  enforcementDate!: string;

  @ApiProperty({ example: 'America/Los_Angeles', description: 'The admin’s IANA time zone' })
  @IsString()
  @Length(1, 64)
  timeZone!: string;

  @ApiPropertyOptional({ enum: REAUTH_INTERVALS, default: '12h' })
  @IsOptional()
  @IsIn(REAUTH_INTERVALS)
  reauthInterval?: ReauthInterval;

  @ApiPropertyOptional({
    default: true,
    description: 'PASSKEY-3: whether members may sign in with a passkey alone; unchanged when left out',
  })
  @IsOptional()
  @IsBoolean()
  passwordlessAllowed?: boolean;
}

/** Pages count from 1; at most 100 items a page. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(fieldRule('validation.whole_number'))
  @Min(1)
  @Max(100_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(fieldRule('validation.whole_number'))
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}

/** POL-7: `enrolled=false` lists the members who are not ready yet. */
export class MemberStatusQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean(fieldRule('validation.boolean'))
  enrolled?: boolean;
}

/** POL-1: a company's policy as its admins see it; a company that never set one is `off` at version 0. */
export class PolicyViewDto implements PolicyView {
  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty()
  required!: boolean;

  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2026-03-09' })
  enforcementDate!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'America/Los_Angeles' })
  timeZone!: string | null;

  @ApiProperty({ enum: REAUTH_INTERVALS })
  reauthInterval!: ReauthInterval;

  @ApiPropertyOptional({ description: 'PASSKEY-3: members may sign in with a passkey alone; present where passkeys are offered' })
  passwordlessAllowed?: boolean;

  @ApiProperty({ enum: membersOf<PolicyState>({ off: true, scheduled: true, enforced: true }), description: 'As of now (POL-3)' })
  state!: PolicyState;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '00:00 of enforcementDate in timeZone (POL-2)' })
  enforcementStartsAt!: string | null;

  @ApiProperty({ description: 'Counts the saves; 0 before the first' })
  version!: number;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  updatedAt!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The admin who saved it last' })
  updatedBy!: string | null;
}

/** POL-7: one member the policy binds, and whether they are ready. */
export class MemberMfaStatusDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: membersOf<MembershipRole>({ admin: true, member: true }) })
  role!: MembershipRole;

  @ApiProperty({ enum: FACTOR_TYPE_NAMES, isArray: true, description: 'The types of the member’s active factors' })
  factorTypes!: string[];

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'The latest MFA proof of any of the member’s sessions' })
  lastMfaAt!: string | null;

  @ApiProperty({ description: 'The member has an active factor' })
  enrolled!: boolean;
}

export class MemberStatusTotalsDto implements MemberStatusTotals {
  @ApiProperty({ description: 'Members the policy binds' })
  members!: number;

  @ApiProperty()
  enrolled!: number;

  @ApiProperty()
  notEnrolled!: number;
}

/** POL-7: a page of members, and the totals of the whole company whatever the filter. */
export class MemberStatusPageDto {
  @ApiProperty({ type: [MemberMfaStatusDto] })
  items!: MemberMfaStatusDto[];

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty({ description: 'Members across all pages, after the filter' })
  total!: number;

  @ApiProperty({ type: MemberStatusTotalsDto })
  totals!: MemberStatusTotalsDto;
}

const AUDIT_EVENT_TYPES = membersOf<AuditEventType>({
  'sign_in.succeeded': true,
  'sign_in.mfa_required': true,
  'sign_in.enrollment_required': true,
  'sign_in.failed': true,
  'sign_in.federated': true,
  'authorization_code.exchanged': true,
  'authorization_code.replayed': true,
  'session.signed_out': true,
  'session.signed_out_everywhere': true,
  'session.refresh_reused': true,
  'trusted_device.revoked': true,
  'mfa.verified': true,
  'mfa.failed': true,
  'enrollment.started': true,
  'enrollment.confirmed': true,
  'factor.revoked': true,
  'factor.clone_suspected': true,
  'recovery_code.issued': true,
  'recovery_code.redeemed': true,
  'account.mfa_locked': true,
  'sms.delivery_failed': true,
  'sms.test_requested': true,
  'sms.prefix_blocked': true,
  'sms.prefix_released': true,
  'step_up.verified': true,
  'authorization.allowed': true,
  'policy.changed': true,
  'mfa.reset': true,
});

/** AUD-2: an event of the company's audit trail, with the emails of its actor and subject. */
export class CompanyAuditEventDto {
  @ApiProperty({ description: 'Increasing: newer events have larger ids' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ enum: AUDIT_EVENT_TYPES })
  type!: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  actorUserId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  actorEmail!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  subjectUserId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  subjectEmail!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  companyId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  ip!: string | null;

  @ApiProperty({ nullable: true, type: String })
  userAgent!: string | null;

  @ApiProperty({ nullable: true, type: String })
  requestId!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Facts about the event (factor types, reasons, counts); never a secret, code or token (SEC-1)',
  })
  data!: Record<string, unknown>;
}

/** AUD-2: a page of the company's audit trail, newest first. */
export class AuditEventPageDto {
  @ApiProperty({ type: [CompanyAuditEventDto] })
  items!: CompanyAuditEventDto[];

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty({ description: 'Events across all pages' })
  total!: number;
}
