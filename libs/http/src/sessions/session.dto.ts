import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FACTOR_TYPE_NAMES } from '@sitepass/auth';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class PasswordSignInDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @IsString()
  @Length(1, 1024)
  password!: string;

  /** The device token from an earlier MFA sign-in on this device (SES-6). */
  @IsOptional()
  @IsString()
  @MaxLength(256)
  deviceToken?: string;
}

export class RefreshDto {
  @IsString()
  @Length(1, 256)
  refreshToken!: string;
}

export class TokensDto {
  @ApiProperty({ enum: ['authenticated'] })
  status!: 'authenticated';

  @ApiProperty({ description: 'ES256 JWT; verify with /.well-known/jwks.json' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque; rotated on every use (SES-4)' })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @ApiPropertyOptional({ description: 'Present after an MFA sign-in on the standard product (SES-6)' })
  deviceToken?: string;
}

export class FactorSummaryDto {
  id!: string;
  @ApiProperty({ enum: FACTOR_TYPE_NAMES })
  type!: string;
  @ApiPropertyOptional({ example: '+1******0123' })
  maskedPhoneNumber?: string;
}

/** LOGIN-1: the three answers of the password step; which fields come depends on `status`. */
export class SignInAnswerDto {
  @ApiProperty({ enum: ['authenticated', 'mfa_required', 'mfa_enrollment_required'] })
  status!: string;

  @ApiPropertyOptional({ description: 'authenticated: ES256 JWT' })
  accessToken?: string;

  @ApiPropertyOptional({ description: 'authenticated' })
  refreshToken?: string;

  @ApiPropertyOptional({ description: 'authenticated, after an MFA sign-in on the standard product (SES-6)' })
  deviceToken?: string;

  @ApiPropertyOptional({ description: 'mfa_required, mfa_enrollment_required: opens only the MFA endpoints, 10 minutes' })
  mfaToken?: string;

  @ApiPropertyOptional({ description: 'Seconds until the access token (or the mfaToken) expires' })
  expiresIn?: number;

  @ApiPropertyOptional({ type: [FactorSummaryDto], description: 'mfa_required: the usable factors; the client picks one (LOGIN-3)' })
  factors?: FactorSummaryDto[];

  @ApiPropertyOptional({ description: 'mfa_required' })
  recoveryCodeAvailable?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'mfa_enrollment_required: the types this product accepts from this user' })
  allowedFactorTypes?: string[];

  @ApiPropertyOptional({
    enum: [true],
    description:
      'mfa_enrollment_required, when the user has factors this product does not accept: prove one (a challenge with purpose "proof") before enrolling (ABUSE-3)',
  })
  proofRequired?: true;

  @ApiPropertyOptional({ type: [FactorSummaryDto], description: 'With proofRequired: the factors that can be proven' })
  proofFactors?: FactorSummaryDto[];
}

/** The session an access token belongs to, as the token says. */
export class CurrentSessionDto {
  sessionId!: string;
  userId!: string;
  @ApiProperty({ enum: ['standard', 'pay'] })
  audience!: string;
  @ApiProperty({ enum: ['aal1', 'aal2'] })
  acr!: string;
  @ApiProperty({ type: [String], description: 'RFC 8176: pwd, otp, sms, rc' })
  amr!: string[];
  authTime!: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  mfaTime!: string | null;
}
