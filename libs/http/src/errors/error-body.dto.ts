import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FACTOR_TYPE_NAMES, FieldError } from '@sitepass/auth';
import { PAY_ROLES } from '@sitepass/database';
import { FactorSummaryDto } from '../sessions/session.dto';

/** validation_failed: one field's problem (SEC-2). */
export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'items.0.name', description: 'The path of the field: body properties, query or path parameters' })
  field!: string;

  @ApiProperty({ example: 'email must be an email address' })
  message!: string;
}

/** clock_skew_suspected: which way the device's clock seems off, in whole minutes only (TOTP-7, ABUSE-6). */
export class ClockOffsetDto {
  @ApiProperty({ enum: ['ahead', 'behind'] })
  direction!: 'ahead' | 'behind';

  @ApiProperty({ minimum: 1 })
  minutes!: number;
}

/**
 * The one error body of the API, for the OpenAPI document. Beside code, message and requestId, a code may
 * carry facts a client can act on; each is described with the codes that carry it (see the README).
 */
export class ErrorBodyDto {
  @ApiProperty({ description: 'Stable, snake_case; clients switch on it (see the README)' })
  code!: string;

  @ApiProperty({ description: 'A sentence for a person' })
  message!: string;

  @ApiProperty()
  requestId!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'validation_failed: one entry per field' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({
    minimum: 0,
    description:
      'verification_failed, clock_skew_suspected, code_already_used, challenge_failed: how many more wrong codes are taken (LOGIN-5)',
  })
  attemptsLeft?: number;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'too_many_attempts after wrong codes, resend_too_soon, sms_quota_exceeded: as the Retry-After header',
  })
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ type: ClockOffsetDto, description: 'clock_skew_suspected' })
  clockOffset?: ClockOffsetDto;

  @ApiPropertyOptional({ description: 'clock_skew_suspected: the offset in whole minutes, as seconds' })
  estimatedOffsetSeconds?: number;

  @ApiPropertyOptional({ description: 'clock_skew_suspected: what the person can do about it' })
  advice?: string;

  @ApiPropertyOptional({ enum: FACTOR_TYPE_NAMES, isArray: true, description: 'factor_type_not_allowed: the types accepted here' })
  allowedFactorTypes?: string[];

  @ApiPropertyOptional({ description: 'reauthentication_required in self-service: how recent the MFA check must be (POL-8)' })
  maxAgeSeconds?: number;

  @ApiPropertyOptional({ description: 'role_not_permitted, step_up_required: the Payments operation asked about (PAY-7)' })
  operation?: string;

  @ApiPropertyOptional({ enum: ['payor', 'payee_admin'], description: 'role_required: the role the endpoint serves (PAY-5)' })
  role?: string;

  @ApiPropertyOptional({ enum: PAY_ROLES, isArray: true, description: 'invalid_pay_role: the roles the company cannot grant (PAY-1)' })
  roles?: string[];

  @ApiPropertyOptional({ format: 'date', description: 'invalid_enforcement_date: today in the policy’s time zone (POL-2)' })
  today?: string;

  @ApiPropertyOptional({ example: 'off', description: 'reset_not_available: the company policy’s state (RESET-1)' })
  policyState?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'BR', description: 'phone_country_not_allowed: the number’s country' })
  country?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['US'], description: 'phone_country_not_allowed: the countries texted here (SMS-1)' })
  allowedCountries?: string[];
}

/** `403 factor_proof_required` (ABUSE-3): the factors one of which the sign-in must prove first. */
export class FactorProofRequiredDto extends ErrorBodyDto {
  @ApiPropertyOptional({
    type: [FactorSummaryDto],
    description:
      'factor_proof_required when an enrollment starts: the account already has these factors, and a password alone never adds ' +
      'one (ABUSE-3). Prove one of them first: POST challenges {factorId, purpose: "proof"} with the mfaToken, then verify it.',
  })
  proofFactors?: FactorSummaryDto[];
}
