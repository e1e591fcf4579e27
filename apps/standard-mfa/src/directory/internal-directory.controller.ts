import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { AccountAdministration, DirectoryService } from '@sitepass/auth';
import { ApiErrors, SERVICE_TOKEN_ERRORS } from '@sitepass/http';
import { CreateCompanyDto, CreatedDto, CreateUserDto, SetMembershipDto, UpdateUserDto } from './directory.dto';
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
}
