import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SigningKeys } from '@sitepass/auth';
import { Public } from '@sitepass/common';
import { ApiErrors } from '../errors/api-errors.decorator';
import { JwksDto } from './jwks.dto';

/** SES-3: every verification key, so that the gateway and clients can verify access tokens. */
@ApiTags('tokens')
@Public()
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeys) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ type: JwksDto, description: 'The JWK Set of the ES256 keys that verify access tokens.' })
  @ApiErrors()
  jwks(): ReturnType<SigningKeys['jwks']> {
    return this.keys.jwks();
  }
}
