import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ChallengeView, describeFactorType, FACTOR_TYPE_NAMES, MemberReset } from '@sitepass/auth';
import { ChallengeStatus, OutboxStatus } from '@sitepass/database';
import { fieldRule } from '@sitepass/i18n';
import { Equals, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { TokensDto } from '../sessions/session.dto';
import { membersOf } from '../setup/union-members';

export class IssueChallengeDto {
  @IsUUID('all', fieldRule('validation.uuid'))
  factorId!: string;

  @ApiPropertyOptional({
    enum: ['sign_in', 'proof'],
    default: 'sign_in',
    description:
      '`proof` (mfaToken only): prove a factor this product does not accept for sign-in, so that the sign-in may enroll one it does (ABUSE-3; see proofFactors in the sign-in answer)',
  })
  @IsOptional()
  @IsIn(['sign_in', 'proof'], fieldRule('validation.purpose'))
  purpose?: 'sign_in' | 'proof';
}

export class RedeemRecoveryCodeDto {
  @ApiProperty({ example: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01', description: 'Case-insensitive; spaces and hyphens are ignored' })
  @IsString()
  @Length(1, 64)
  code!: string;
}

export class CurrentPasswordDto {
  @IsString()
  @Length(1, 1024)
  currentPassword!: string;
}

/** RESET-1, PAY-10: whom to reset, named by login email, and the caller's attestation. */
export class MfaResetDto {
  @IsEmail({}, fieldRule('validation.email_address'))
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: [true], description: 'Must be true: the caller verified the member’s identity' })
  @Equals(true, fieldRule('validation.identity_verified'))
  identityVerified!: boolean;
}

/** SMS-3: where a challenge's code is; a failed delivery can be resent. */
export class ChallengeDeliveryDto {
  @ApiProperty({ enum: membersOf<Exclude<OutboxStatus, 'sending'>>({ pending: true, sent: true, failed: true, cancelled: true }) })
  status!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  failedAt!: string | null;
}

/** A challenge as its owner sees it (LOGIN-3, SMS-3, PAY-6). */
export class ChallengeViewDto implements ChallengeView {
  @ApiProperty({ format: 'uuid' })
  challengeId!: string;

  @ApiProperty({ enum: FACTOR_TYPE_NAMES })
  factorType!: string;

  @ApiProperty({ enum: membersOf<ChallengeStatus>({ pending: true, verified: true, failed: true, revoked: true }) })
  status!: ChallengeStatus;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'A type that sends a code: the earliest moment …/resend sends another (SMS-5)' })
  resendAvailableAt?: string;

  @ApiPropertyOptional({ description: 'Step-ups: the operation the challenge is bound to (PAY-6)' })
  operation?: string;

  @ApiPropertyOptional({
    type: ChallengeDeliveryDto,
    nullable: true,
    description: 'GET …/challenges/{challengeId} only: the delivery of the code, null for a type that sends none',
  })
  delivery?: ChallengeDeliveryDto | null;
}

// What a type shows with its challenges sits under the type's name (a passkey's request options, PASSKEY-5).
for (const type of FACTOR_TYPE_NAMES) {
  const answer = describeFactorType(type)!.challengeAnswer;
  if (answer)
    ApiPropertyOptional({ type: answer, description: `factorType ${type}: what answering it needs` })(ChallengeViewDto.prototype, type);
}

/**
 * The three answers of a verified challenge; which fields come depends on `status`: `authenticated` (an
 * mfaToken's sign-in is complete), `factor_proven` (a proof challenge, ABUSE-3), `verified` (an access
 * token's re-check, POL-8).
 */
export class VerifiedChallengeDto {
  @ApiProperty({ enum: ['authenticated', 'factor_proven', 'verified'] })
  status!: string;

  @ApiPropertyOptional({ description: 'authenticated, verified: ES256 JWT; after a re-check it says aal2 and the new mfa_time' })
  accessToken?: string;

  @ApiPropertyOptional({ description: 'authenticated' })
  refreshToken?: string;

  @ApiPropertyOptional({ enum: ['Bearer'], description: 'authenticated' })
  tokenType?: 'Bearer';

  @ApiPropertyOptional({ description: 'authenticated, verified: seconds until the access token expires' })
  expiresIn?: number;

  @ApiPropertyOptional({ description: 'authenticated, on the standard product: skips the MFA step on this device (SES-6)' })
  deviceToken?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'verified: the session’s new MFA time' })
  mfaTime?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'factor_proven: the factor proven' })
  factorId?: string;

  @ApiPropertyOptional({ enum: FACTOR_TYPE_NAMES, description: 'factor_proven' })
  factorType?: string;
}

/** REC-3: a sign-in completed with the recovery code, which is replaced by a new one, shown this once. */
export class RecoveryCodeSignInDto extends TokensDto {
  @ApiProperty({ enum: ['authenticated'] })
  status!: 'authenticated';

  @ApiProperty({ example: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01', description: 'The replacement recovery code; the redeemed one is spent' })
  recoveryCode!: string;

  @ApiProperty({ enum: [true], description: 'Whoever needed the code lost a factor: enroll a new one' })
  reenrollmentRecommended!: true;
}

/** RESET-2, PAY-10: what a reset took away. */
export class MemberResetDto implements MemberReset {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ format: 'date-time' })
  resetAt!: string;

  @ApiProperty({ description: 'Factors revoked' })
  factorsRevoked!: number;

  @ApiProperty({ description: 'Sessions signed out, on both products' })
  sessionsRevoked!: number;
}
