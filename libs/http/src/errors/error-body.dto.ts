import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FactorSummaryDto } from '../sessions/session.dto';

/** The one error body of the API, for the OpenAPI document. */
export class ErrorBodyDto {
  @ApiProperty({ description: 'Stable, snake_case; clients switch on it (see the README)' })
  code!: string;

  @ApiProperty({ description: 'A sentence for a person' })
  message!: string;

  @ApiProperty()
  requestId!: string;

  @ApiPropertyOptional({ description: 'validation_failed: one entry per field', type: 'array', items: { type: 'object' } })
  errors?: Array<{ field: string; message: string }>;
}

export const FACTOR_PROOF_REQUIRED =
  'factor_proof_required: the account already has a factor, and a password alone never adds one (ABUSE-3). Prove one of proofFactors first: ' +
  'POST challenges {factorId, purpose: "proof"} with the mfaToken, then verify it. Also enrollment_not_available (a usable factor: sign in with it), ' +
  'role_required (Pay), sso_required.';

/** `403 factor_proof_required` (ABUSE-3): the factors one of which the sign-in must prove first. */
export class FactorProofRequiredDto extends ErrorBodyDto {
  @ApiProperty({ type: [FactorSummaryDto] })
  proofFactors!: FactorSummaryDto[];
}
