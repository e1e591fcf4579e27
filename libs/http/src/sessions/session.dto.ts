import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FACTOR_TYPE_NAMES, FactorSummary, IssuedTokens, PasskeyCeremony, PublicKeyCredentialDto } from '@sitepass/auth';
import { Acr, Amr, Audience } from '@sitepass/database';
import { fieldRule } from '@sitepass/i18n';
import { Type } from 'class-transformer';
import { IsEmail, IsObject, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { membersOf } from '../setup/union-members';

/**
 * RFC 8176 methods a session can carry (SES-2): pwd, otp (an app), sms, rc (the recovery code), fed (PAY-11),
 * hwk or swk (a passkey bound to its device, or synced) and mfa (a passkey that verified its user, PASSKEY-3).
 */
export const AMR_VALUES = membersOf<Amr>({ pwd: true, otp: true, sms: true, rc: true, fed: true, hwk: true, swk: true, mfa: true });

export class PasswordSignInDto {
  @IsEmail({}, fieldRule('validation.email_address'))
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

/** WEB-2: the code a hosted page flow returned with, and the PKCE verifier its challenge was made from. */
export class CodeExchangeDto {
  @IsString()
  @Length(1, 256)
  code!: string;

  @ApiProperty({ description: 'The PKCE code verifier (RFC 7636): 43 to 128 characters' })
  @IsString()
  @Length(43, 128)
  codeVerifier!: string;
}

export class RefreshDto {
  @IsString()
  @Length(1, 256)
  refreshToken!: string;
}

/** SES-4: the session's tokens, as a refresh answers them; every completed sign-in answers these fields too. */
export class TokensDto implements IssuedTokens {
  @ApiProperty({ description: 'ES256 JWT; verify with /.well-known/jwks.json' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque; rotated on every use (SES-4)' })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn!: number;
}

export class FactorSummaryDto implements FactorSummary {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ enum: FACTOR_TYPE_NAMES })
  type!: string;
  @ApiPropertyOptional({ example: '+1******0123', description: 'SMS only: enough of the number to recognise it' })
  maskedPhoneNumber?: string;
  @ApiPropertyOptional({ example: 'MacBook Touch ID', description: 'Passkeys only: the name its user gave it' })
  name?: string;
}

/** LOGIN-1: the three answers of the password step; which fields come depends on `status`. */
export class SignInAnswerDto {
  @ApiProperty({ enum: ['authenticated', 'mfa_required', 'mfa_enrollment_required'] })
  status!: string;

  @ApiPropertyOptional({ description: 'authenticated: ES256 JWT' })
  accessToken?: string;

  @ApiPropertyOptional({ description: 'authenticated' })
  refreshToken?: string;

  @ApiPropertyOptional({ enum: ['Bearer'], description: 'authenticated' })
  tokenType?: 'Bearer';

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
  @ApiProperty({ format: 'uuid' })
  sessionId!: string;
  @ApiProperty({ format: 'uuid' })
  userId!: string;
  @ApiProperty({ enum: membersOf<Audience>({ standard: true, pay: true }) })
  audience!: string;
  @ApiProperty({ enum: membersOf<Acr>({ aal1: true, aal2: true }) })
  acr!: string;
  @ApiProperty({ enum: AMR_VALUES, isArray: true, description: 'RFC 8176 methods' })
  amr!: string[];
  @ApiProperty({ format: 'date-time', description: 'When the password was proven' })
  authTime!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When a factor was last proven; null for a password-only session',
  })
  mfaTime!: string | null;
}

/** PASSKEY-3, PASSKEY-5: the first half of "Sign in with a passkey". */
export class PasskeyCeremonyDto implements PasskeyCeremony {
  @ApiProperty({ format: 'uuid', description: 'Send it back with the answer; single use' })
  ceremonyId!: string;

  @ApiProperty({ format: 'date-time', description: '5 minutes from now' })
  expiresAt!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'PublicKeyCredentialRequestOptionsJSON for navigator.credentials.get(): no allowCredentials, user verification required',
  })
  publicKey!: Record<string, unknown>;
}

/** PASSKEY-3: the browser's answer to a passwordless ceremony. */
export class PasskeySignInDto {
  @IsUUID('all', fieldRule('validation.uuid'))
  @ApiProperty({ format: 'uuid' })
  ceremonyId!: string;

  @ApiProperty({ type: PublicKeyCredentialDto, description: 'navigator.credentials.get() as JSON' })
  @IsObject()
  @ValidateNested()
  @Type(() => PublicKeyCredentialDto)
  credential!: PublicKeyCredentialDto;
}
