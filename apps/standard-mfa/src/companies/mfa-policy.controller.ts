import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CompanyPolicyService, PolicyView, Principal } from '@sitepass/auth';
import { ACCESS_TOKEN_ERRORS, ApiErrors, CurrentPrincipal, UuidPipe } from '@sitepass/http';
import { PolicyViewDto, SetPolicyDto } from './company-admin.dto';

/** POL-1 to POL-3: the company's MFA policy, for its admins. */
@ApiTags('company admin')
@ApiBearerAuth()
@Controller('v1/companies/:companyId/mfa-policy')
export class MfaPolicyController {
  constructor(private readonly policies: CompanyPolicyService) {}

  @Get()
  @ApiOkResponse({ type: PolicyViewDto })
  @ApiErrors('validation_failed', ...ACCESS_TOKEN_ERRORS, 'not_found')
  getPolicy(@CurrentPrincipal() principal: Principal, @Param('companyId', UuidPipe) companyId: string): Promise<PolicyView> {
    return this.policies.getPolicy(principal.userId, companyId);
  }

  @Put()
  @ApiOkResponse({ type: PolicyViewDto, description: 'The policy as saved' })
  @ApiErrors('validation_failed', ...ACCESS_TOKEN_ERRORS, 'not_found', 'invalid_enforcement_date')
  setPolicy(
    @CurrentPrincipal() principal: Principal,
    @Param('companyId', UuidPipe) companyId: string,
    @Body() body: SetPolicyDto,
  ): Promise<PolicyView> {
    return this.policies.setPolicy(principal.userId, companyId, body);
  }
}
