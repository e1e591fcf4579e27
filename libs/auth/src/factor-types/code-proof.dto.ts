import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { fieldRule } from '@sitepass/i18n';
import { IsOptional, IsString, Matches } from 'class-validator';

/** People type codes with spaces ("123 456"); the spaces mean nothing. */
const stripSpaces = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value);

/** The proof of a code factor (an authenticator app, a text message): six digits. */
export class CodeProofDto {
  @ApiProperty({ example: '123456', description: 'The 6-digit code from the app or the text message' })
  @Transform(stripSpaces)
  @IsString()
  @Matches(/^\d{6}$/, fieldRule('validation.code_digits'))
  code!: string;
}

/**
 * ABUSE-16: beside the factor's proof, confirming the first factor enrolled inside a sign-in takes the code
 * emailed to the account. Optional here: whether the enrollment needs it is the enrollment's to say.
 */
export class EmailCodeDto {
  @ApiPropertyOptional({
    example: '123456',
    description:
      'ABUSE-16: the 6-digit code emailed to the account, required when the enrollment answered emailProofRequired: true; ignored otherwise',
  })
  @IsOptional()
  @Transform(stripSpaces)
  @IsString()
  @Matches(/^\d{6}$/, fieldRule('validation.code_digits'))
  emailCode?: string;
}
