import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FactorService, Principal } from '@sitepass/auth';
import { CurrentPasswordDto, CurrentPrincipal, UuidPipe } from '@sitepass/http';

/** A signed-in user's own MFA: the overview, factor removal and a new recovery code (POL-8, REC-2). */
@ApiTags('factors')
@ApiBearerAuth()
@Controller('v1')
export class FactorsController {
  constructor(private readonly factors: FactorService) {}

  @Get('me/mfa')
  overview(@CurrentPrincipal() principal: Principal) {
    return this.factors.overview(principal);
  }

  @Delete('factors/:factorId')
  @HttpCode(HttpStatus.NO_CONTENT)
  revokeFactor(
    @CurrentPrincipal() principal: Principal,
    @Param('factorId', UuidPipe) factorId: string,
    @Body() body: CurrentPasswordDto,
  ): Promise<void> {
    return this.factors.revokeFactor(principal, factorId, body.currentPassword);
  }

  @Post('factors/:factorId/test-message')
  @HttpCode(HttpStatus.ACCEPTED)
  sendTestMessage(@CurrentPrincipal() principal: Principal, @Param('factorId', UuidPipe) factorId: string) {
    return this.factors.sendTestMessage(principal, factorId);
  }

  @Post('recovery-codes')
  async regenerateRecoveryCode(@CurrentPrincipal() principal: Principal, @Body() body: CurrentPasswordDto) {
    return { recoveryCode: await this.factors.regenerateRecoveryCode(principal, body.currentPassword) };
  }
}
