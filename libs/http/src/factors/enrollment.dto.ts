import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { describeFactorType, FACTOR_TYPE_NAMES } from '@sitepass/auth';
import { FactorSummaryDto } from '../sessions/session.dto';

/**
 * A started enrollment (TOTP-2, SMS-3). What the type shows once sits under the type's name; each
 * registered type documents its own part (its authenticator's `enrollmentAnswer`), so a new type needs no
 * change here.
 */
export class StartedEnrollmentDto {
  @ApiProperty({ format: 'uuid', description: 'The pending factor: confirm it at …/{enrollmentId}/confirm' })
  enrollmentId!: string;

  @ApiProperty({ enum: FACTOR_TYPE_NAMES })
  factorType!: string;

  @ApiProperty({ format: 'date-time', description: 'The pending enrollment lapses after 15 minutes (TOTP-3)' })
  expiresAt!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The active factor of the same type this one replaces when confirmed (TOTP-5, SMS-9)',
  })
  replacesFactorId!: string | null;

  @ApiPropertyOptional({
    enum: [true],
    description:
      'ABUSE-16: the first factor enrolled inside a sign-in is proven through the account’s email too: confirm with the emailed 6-digit code as emailCode (10 minutes, 5 tries). Absent when not needed',
  })
  emailProofRequired?: true;

  @ApiPropertyOptional({ example: 'j•••@example.com', description: 'ABUSE-16: where the code was emailed, masked' })
  maskedEmail?: string;
}

for (const type of FACTOR_TYPE_NAMES) {
  ApiPropertyOptional({ type: describeFactorType(type)!.enrollmentAnswer, description: `factorType ${type}: shown this once` })(
    StartedEnrollmentDto.prototype,
    type,
  );
}

/**
 * A confirmed enrollment (TOTP-3, REC-2, LOGIN-4): the new factor, the recovery code when one is issued,
 * and inside a sign-in the tokens that complete it.
 */
export class ConfirmedEnrollmentDto {
  @ApiProperty({ type: FactorSummaryDto })
  factor!: FactorSummaryDto;

  @ApiPropertyOptional({
    example: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01',
    description: 'Shown this once: for a first factor, or a new authenticator app (REC-2)',
  })
  recoveryCode?: string;

  @ApiPropertyOptional({ enum: ['authenticated'], description: 'Inside a sign-in (mfaToken): the sign-in is complete' })
  status?: 'authenticated';

  @ApiPropertyOptional({ description: 'Inside a sign-in: ES256 JWT' })
  accessToken?: string;

  @ApiPropertyOptional({ description: 'Inside a sign-in' })
  refreshToken?: string;

  @ApiPropertyOptional({ enum: ['Bearer'], description: 'Inside a sign-in' })
  tokenType?: 'Bearer';

  @ApiPropertyOptional({ description: 'Inside a sign-in: seconds until the access token expires' })
  expiresIn?: number;

  @ApiPropertyOptional({ description: 'Inside a sign-in, on the standard product (SES-6)' })
  deviceToken?: string;
}
