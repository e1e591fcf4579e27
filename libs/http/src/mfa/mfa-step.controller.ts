import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res, Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Caller, ChallengeView, CodeProofDto, FactorPayload, FactorTypes, MfaStepService } from '@sitepass/auth';
import { FactorProofPipe } from '../factors/factor-payload.pipes';
import type { Response } from 'express';
import { ErrorBodyDto } from '../errors/error-body.dto';
import { UuidPipe } from '../errors/uuid.pipe';
import { IssueChallengeDto, RedeemRecoveryCodeDto } from './mfa.dto';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { MfaTokenAuth, MfaTokenOrAccessAuth } from '@sitepass/common';

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
    constructor(
      private readonly mfa: MfaStepService,
      private readonly factorTypes: FactorTypes,
    ) {}

    /** A type that sends a code answers 202, the code being on its way (SMS-3); the others 201. */
    @MfaTokenOrAccessAuth()
    @Post('challenges')
    async issueChallenge(
      @CurrentCaller() caller: Caller,
      @Body() body: IssueChallengeDto,
      @Res({ passthrough: true }) response: Response,
    ): Promise<ChallengeView> {
      const challenge = await this.mfa.issueChallenge(caller, body.factorId, body.purpose);
      response.status(this.factorTypes.of(challenge.factorType).sendsCode ? HttpStatus.ACCEPTED : HttpStatus.CREATED);
      return challenge;
    }

    @MfaTokenOrAccessAuth()
    @Get('challenges/:challengeId')
    describeChallenge(@CurrentCaller() caller: Caller, @Param('challengeId', UuidPipe) challengeId: string): Promise<ChallengeView> {
      return this.mfa.describeChallenge(caller, challengeId);
    }

    @MfaTokenOrAccessAuth()
    @Post('challenges/:challengeId/verify')
    @HttpCode(HttpStatus.OK)
    @ApiOkResponse({
      description:
        'mfaToken: the sign-in is complete (status authenticated, tokens), or a proof challenge proved its factor ({status: "factor_proven", factorId, factorType}, ABUSE-3); access token: {status: "verified", accessToken, mfaTime}',
    })
    @ApiUnprocessableEntityResponse({
      type: ErrorBodyDto,
      description: 'verification_failed (attemptsLeft), clock_skew_suspected, code_already_used, challenge_failed, challenge_expired',
    })
    @ApiTooManyRequestsResponse({
      type: ErrorBodyDto,
      description: 'too_many_attempts: the account waits after 10 consecutive failures (Retry-After)',
    })
    @ApiBody({ type: CodeProofDto })
    verifyChallenge(
      @CurrentCaller() caller: Caller,
      @Param('challengeId', UuidPipe) challengeId: string,
      @Body(FactorProofPipe) proof: FactorPayload,
    ) {
      return this.mfa.verifyChallenge(caller, challengeId, proof);
    }

    @MfaTokenOrAccessAuth()
    @Post('challenges/:challengeId/resend')
    @HttpCode(HttpStatus.ACCEPTED)
    resendChallenge(@CurrentCaller() caller: Caller, @Param('challengeId', UuidPipe) challengeId: string): Promise<ChallengeView> {
      return this.mfa.resendChallenge(caller, challengeId);
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
