import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { fieldRule } from '@sitepass/i18n';
import { IsString, Matches } from 'class-validator';

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
