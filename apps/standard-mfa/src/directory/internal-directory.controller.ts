import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccountAdministration, DirectoryService, IdentityProviderSettings } from '@sitepass/auth';
import { IdentityProvider } from '@sitepass/database';
import { ApiErrors, SERVICE_TOKEN_ERRORS } from '@sitepass/http';
import {
  CreateCompanyDto,
  CreatedDto,
  CreateUserDto,
  IdentityProviderDto,
  IdentityProviderViewDto,
  SetMembershipDto,
  UpdateUserDto,
} from './directory.dto';
import { ServiceAuth } from '@sitepass/common';

/** DIR-4: the directory API for the platform's own back end, behind the service token. */
@ApiTags('internal directory')
@ApiBearerAuth()
@ServiceAuth()
@Controller('internal/v1')
export class InternalDirectoryController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly accounts: AccountAdministration,
    private readonly identityProviders: IdentityProviderSettings,
  ) {}

  @Post('users')
  @ApiCreatedResponse({ type: CreatedDto })
  @ApiErrors('validation_failed', ...SERVICE_TOKEN_ERRORS, 'email_taken')
  async createUser(@Body() body: CreateUserDto): Promise<CreatedDto> {
    const user = await this.directory.createUser(body);
    return { id: user.id };
  }

  @Patch('users/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Changed; a deactivation or a new password also signs the user out everywhere' })
  @ApiErrors('validation_failed', ...SERVICE_TOKEN_ERRORS, 'not_found')
  async updateUser(@Param('userId', ParseUUIDPipe) userId: string, @Body() body: UpdateUserDto): Promise<void> {
    await this.accounts.updateUser(userId, body);
  }

  @Post('companies')
  @ApiCreatedResponse({ type: CreatedDto })
  @ApiErrors('validation_failed', ...SERVICE_TOKEN_ERRORS)
  async createCompany(@Body() body: CreateCompanyDto): Promise<CreatedDto> {
    const company = await this.directory.createCompany(body);
    return { id: company.id };
  }

  @Put('companies/:companyId/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The membership is created or replaced' })
  @ApiErrors('validation_failed', ...SERVICE_TOKEN_ERRORS, 'not_found', 'invalid_pay_role')
  async setMembership(
    @Param('companyId', ParseUUIDPipe) companyId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: SetMembershipDto,
  ): Promise<void> {
    await this.directory.setMembership(companyId, userId, body);
  }

  @Put('companies/:companyId/identity-provider')
  @ApiOkResponse({ type: IdentityProviderViewDto, description: 'DIR-6: the provider is created or replaced; Pay uses it at once' })
  @ApiErrors('validation_failed', ...SERVICE_TOKEN_ERRORS, 'not_found')
  async setIdentityProvider(
    @Param('companyId', ParseUUIDPipe) companyId: string,
    @Body() body: IdentityProviderDto,
  ): Promise<IdentityProviderViewDto> {
    return viewOf(await this.identityProviders.set(companyId, body));
  }

  @Get('companies/:companyId/identity-provider')
  @ApiOkResponse({ type: IdentityProviderViewDto })
  @ApiErrors('validation_failed', ...SERVICE_TOKEN_ERRORS, 'not_found')
  async getIdentityProvider(@Param('companyId', ParseUUIDPipe) companyId: string): Promise<IdentityProviderViewDto> {
    return viewOf(await this.identityProviders.find(companyId));
  }

  @Delete('companies/:companyId/identity-provider')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed: the provider’s ID tokens no longer sign in to Pay' })
  @ApiErrors('validation_failed', ...SERVICE_TOKEN_ERRORS, 'not_found')
  async removeIdentityProvider(@Param('companyId', ParseUUIDPipe) companyId: string): Promise<void> {
    await this.identityProviders.remove(companyId);
  }
}

function viewOf(provider: IdentityProvider): IdentityProviderViewDto {
  const { companyId, issuer, clientId, jwksUri } = provider;
  return { companyId, issuer, clientId, jwksUri, createdAt: provider.createdAt.toISOString(), updatedAt: provider.updatedAt.toISOString() };
}
