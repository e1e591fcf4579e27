import { ApiProperty } from '@nestjs/swagger';
import { Locale, SUPPORTED_LOCALES } from '@sitepass/i18n';
import { LocaleField } from '@sitepass/http';

export class SetLocaleDto {
  /** Required: send null to go back to the browser's Accept-Language. */
  @LocaleField()
  locale!: Locale | null;
}

export class SupportedLocaleDto {
  @ApiProperty({ enum: SUPPORTED_LOCALES })
  locale!: Locale;

  @ApiProperty({ example: 'français canadien', description: 'The language’s name in itself, for a language menu' })
  name!: string;
}

export class LocaleDto {
  @ApiProperty({ type: String, enum: SUPPORTED_LOCALES, nullable: true, description: 'The saved locale; null follows Accept-Language' })
  locale!: Locale | null;

  @ApiProperty({ type: [SupportedLocaleDto] })
  supportedLocales!: SupportedLocaleDto[];
}
