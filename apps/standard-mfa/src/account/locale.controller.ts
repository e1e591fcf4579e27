import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DirectoryService, Principal } from '@sitepass/auth';
import { ACCESS_TOKEN_ERRORS, ApiErrors, CurrentPrincipal } from '@sitepass/http';
import { Locale, localeName, SUPPORTED_LOCALES } from '@sitepass/i18n';
import { LocaleDto, SetLocaleDto } from './locale.dto';

/**
 * I18N-2: the signed-in user's language, for the account page (WEB-4) and any client. It words their error
 * messages, texts and emails; with none saved, each request's Accept-Language decides, then English.
 */
@ApiTags('account')
@ApiBearerAuth()
@Controller('v1/me/locale')
export class LocaleController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @ApiOkResponse({ type: LocaleDto })
  @ApiErrors(...ACCESS_TOKEN_ERRORS)
  async get(@CurrentPrincipal() principal: Principal): Promise<LocaleDto> {
    return answer(await this.directory.localeOf(principal.userId));
  }

  @Put()
  @ApiOkResponse({ type: LocaleDto, description: 'Saved; answers like GET' })
  @ApiErrors('validation_failed', ...ACCESS_TOKEN_ERRORS)
  async set(@CurrentPrincipal() principal: Principal, @Body() body: SetLocaleDto): Promise<LocaleDto> {
    await this.directory.saveLocale(principal.userId, body.locale ?? null);
    return answer(body.locale ?? null);
  }
}

function answer(locale: Locale | null): LocaleDto {
  return { locale, supportedLocales: SUPPORTED_LOCALES.map((supported) => ({ locale: supported, name: localeName(supported) })) };
}
