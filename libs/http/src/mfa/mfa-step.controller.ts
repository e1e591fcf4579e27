import { Body, Controller, HttpCode, HttpStatus, Param, Post, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, MfaStepService, MfaTokenAuth, MfaTokenOrAccessAuth } from '@sitepass/auth';
import { UuidPipe } from '../errors/uuid.pipe';
import { IssueChallengeDto, RedeemRecoveryCodeDto, VerifyCodeDto } from './mfa.dto';

/**
 * The MFA step (LOGIN-3, REC-3): challenges for a chosen factor and their verification, and the recovery
 * code. With an mfaToken they complete a sign-in; with an access token they re-check the session.
 * Both products serve them under their own prefix, with their own product policy behind.
 */
export function createMfaStepController(prefix: string): Type<unknown> {
  @ApiTags('mfa')
  @ApiBearerAuth()
  @Controller(prefix)
  class MfaStepController {
    constructor(private readonly mfa: MfaStepService) {}

    @MfaTokenOrAccessAuth()
    @Post('challenges')
    async issueChallenge(@CurrentCaller() caller: Caller, @Body() body: IssueChallengeDto) {
      const challenge = await this.mfa.issueChallenge(caller, body.factorId);
      return { challengeId: challenge.id, expiresAt: challenge.expiresAt.toISOString() };
    }

    @MfaTokenOrAccessAuth()
    @Post('challenges/:challengeId/verify')
    @HttpCode(HttpStatus.OK)
    verifyChallenge(@CurrentCaller() caller: Caller, @Param('challengeId', UuidPipe) challengeId: string, @Body() body: VerifyCodeDto) {
      return this.mfa.verifyChallenge(caller, challengeId, body.code);
    }

    @MfaTokenAuth()
    @Post('recovery-codes/redeem')
    @HttpCode(HttpStatus.OK)
    redeemRecoveryCode(@CurrentCaller() caller: Caller, @Body() body: RedeemRecoveryCodeDto) {
      return this.mfa.redeemRecoveryCode(caller, body.code);
    }
  }
  return MfaStepController;
}
