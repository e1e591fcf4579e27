import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Post, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HandOffService, PasskeySignInService, Principal, PRODUCT_POLICY, ProductPolicy, SignInService } from '@sitepass/auth';
import {
  CodeExchangeDto,
  CurrentSessionDto,
  PasskeyCeremonyDto,
  PasskeySignInDto,
  PasswordSignInDto,
  RefreshDto,
  SignInAnswerDto,
  TokensDto,
} from './session.dto';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Public } from '@sitepass/common';
import { ACCESS_TOKEN_ERRORS, ApiErrors } from '../errors/api-errors.decorator';

/**
 * Password and passkey sign-in, refresh and sign-out (LOGIN-1, PASSKEY-3, SES-4, SES-7). Both products serve the same routes
 * under their own prefix; what differs is the product policy behind SignInService.
 */
export function createSessionsController(path: string): Type<unknown> {
  @ApiTags('sessions')
  @Controller(path)
  class SessionsController {
    constructor(
      private readonly signIn: SignInService,
      private readonly handOff: HandOffService,
      private readonly passkeys: PasskeySignInService,
      @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
    ) {}

    @Public()
    @Post()
    @HttpCode(HttpStatus.OK)
    @ApiOkResponse({ type: SignInAnswerDto, description: 'status is authenticated, mfa_required or mfa_enrollment_required' })
    @ApiErrors('validation_failed', 'invalid_credentials', 'sso_required', 'account_locked', 'too_many_attempts')
    signInWithPassword(@Body() body: PasswordSignInDto) {
      return this.signIn.signInWithPassword(body);
    }

    @Public()
    @Post('passkey-ceremonies')
    @ApiCreatedResponse({
      type: PasskeyCeremonyDto,
      description: 'PASSKEY-3: options for navigator.credentials.get(), single use, 5 minutes',
    })
    @ApiErrors('factor_type_not_allowed')
    beginPasskeySignIn(): Promise<PasskeyCeremonyDto> {
      return this.passkeys.begin();
    }

    @Public()
    @Post('passkey')
    @HttpCode(HttpStatus.OK)
    @ApiOkResponse({ type: TokensDto, description: 'PASSKEY-3: an aal2 session, amr [hwk or swk, mfa]' })
    @ApiErrors(
      'validation_failed',
      'challenge_expired',
      'invalid_credentials',
      'verification_failed',
      'passwordless_not_allowed',
      'sso_required',
      'factor_type_not_allowed',
      'account_locked',
      'too_many_attempts',
    )
    signInWithPasskey(@Body() body: PasskeySignInDto) {
      return this.passkeys.finish(body.ceremonyId, body.credential);
    }

    @Public()
    @Post('exchange')
    @HttpCode(HttpStatus.OK)
    @ApiOkResponse({ type: TokensDto, description: 'WEB-2: the tokens of a new session, with the assurance the hosted sign-in reached' })
    @ApiErrors('validation_failed', 'invalid_grant')
    exchange(@Body() body: CodeExchangeDto) {
      return this.handOff.exchangeForSession(this.policy.audience, body.code, body.codeVerifier);
    }

    @Public()
    @Post('refresh')
    @HttpCode(HttpStatus.OK)
    @ApiOkResponse({ type: TokensDto, description: 'The new tokens; the refresh token presented is spent (SES-4)' })
    @ApiErrors('validation_failed', 'invalid_token', 'session_revoked', 'session_expired', 'mfa_reauth_required')
    refresh(@Body() body: RefreshDto) {
      return this.signIn.refresh(body.refreshToken);
    }

    @Get('current')
    @ApiBearerAuth()
    @ApiOkResponse({ type: CurrentSessionDto })
    @ApiErrors(...ACCESS_TOKEN_ERRORS)
    async current(@CurrentPrincipal() principal: Principal): Promise<CurrentSessionDto> {
      return {
        sessionId: principal.sessionId,
        userId: principal.userId,
        audience: principal.audience,
        acr: principal.acr,
        amr: principal.amr,
        authTime: principal.authTime.toISOString(),
        mfaTime: principal.mfaTime?.toISOString() ?? null,
      };
    }

    @Delete('current')
    @ApiBearerAuth()
    @HttpCode(HttpStatus.NO_CONTENT)
    @ApiNoContentResponse({ description: 'Signed out: the session’s tokens fail on every instance' })
    @ApiErrors(...ACCESS_TOKEN_ERRORS)
    signOut(@CurrentPrincipal() principal: Principal): Promise<void> {
      return this.signIn.signOut(principal);
    }

    /** ABUSE-9: every session of the user, on both products, and every trusted device. */
    @Delete()
    @ApiBearerAuth()
    @HttpCode(HttpStatus.NO_CONTENT)
    @ApiNoContentResponse({ description: 'Every session of the user and every trusted device revoked' })
    @ApiErrors(...ACCESS_TOKEN_ERRORS)
    signOutEverywhere(@CurrentPrincipal() principal: Principal): Promise<void> {
      return this.signIn.signOutEverywhere(principal);
    }
  }
  return SessionsController;
}
