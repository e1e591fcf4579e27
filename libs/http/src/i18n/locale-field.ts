import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { fieldRule, matchLocale, SUPPORTED_LOCALES } from '@sitepass/i18n';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';

/**
 * A `locale` field (I18N-2): a BCP 47 tag that a supported locale serves, saved as that locale (`fr-FR` →
 * `fr`, `zh-CN` → `zh-Hans`, `es-MX` → `es-419`); `null` clears the choice. Any other language is refused
 * with the list of those Sitepass speaks.
 */
export function LocaleField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      enum: SUPPORTED_LOCALES,
      description:
        'The language the user reads: a BCP 47 tag, saved as the supported locale that serves it (fr-FR is saved as fr); null clears it',
    }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (matchLocale(value) ?? value) : value)),
    IsOptional(),
    IsIn(SUPPORTED_LOCALES, fieldRule('validation.locale', { values: SUPPORTED_LOCALES.join(', ') })),
  );
}
