import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { FederatedSignInService, SignInResult } from '@sitepass/auth';
import { Public } from '@sitepass/common';
import { ApiErrors, SignInAnswerDto } from '@sitepass/http';
import { IsString, Length, Matches } from 'class-validator';
import { fieldRule } from '@sitepass/i18n';

export class IdTokenSignInDto {
  @ApiProperty({ description: 'The ID token (compact JWS) the company’s OpenID Connect provider issued' })
  @IsString()
  @Length(1, 16384)
  @Matches(/^[\w-]+\.[\w-]*\.[\w-]*$/, fieldRule('validation.compact_jwt'))
  idToken!: string;

  @ApiProperty({ description: 'The nonce the client put in its authorization request; the token must carry it' })
  @IsString()
  @Length(1, 512)
  nonce!: string;
}

/** PAY-11: Pay after single sign-on. The company's provider proves the first step; Pay's MFA follows unchanged. */
@ApiTags('sessions')
@Controller('v1/pay/sessions/sso')
export class SsoSessionsController {
  constructor(private readonly federated: FederatedSignInService) {}

  @Public()
  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: SignInAnswerDto,
    description: 'As a password sign-in: mfa_required, mfa_enrollment_required, or authenticated (amr ["fed"]) for a user Pay exempts',
  })
  @ApiErrors(
    'validation_failed',
    'invalid_id_token',
    'unknown_provider',
    'email_not_verified',
    'invalid_credentials',
    'account_locked',
    'service_unavailable',
  )
  signInWithIdToken(@Body() body: IdTokenSignInDto): Promise<SignInResult> {
    return this.federated.signInWithIdToken(body);
  }
}
