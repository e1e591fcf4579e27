import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

export class IssueChallengeDto {
  @IsUUID('all', { message: 'factorId must be a UUID' })
  factorId!: string;

  @ApiPropertyOptional({
    enum: ['sign_in', 'proof'],
    default: 'sign_in',
    description:
      '`proof` (mfaToken only): prove a factor this product does not accept for sign-in, so that the sign-in may enroll one it does (ABUSE-3; see proofFactors in the sign-in answer)',
  })
  @IsOptional()
  @IsIn(['sign_in', 'proof'], { message: 'purpose must be sign_in or proof' })
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
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: [true], description: 'Must be true: the caller verified the member’s identity' })
  @Equals(true, { message: 'identityVerified must be true: verify the member’s identity before resetting' })
  identityVerified!: boolean;
}
