import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res, Type } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, ChallengeView, FactorPayload, FactorTypes, MfaStepService } from '@sitepass/auth';
import { FactorProofDto, FactorProofPipe } from '../factors/factor-payload.pipes';
import type { Response } from 'express';
import { ApiErrors, MFA_OR_ACCESS_TOKEN_ERRORS, MFA_TOKEN_ERRORS } from '../errors/api-errors.decorator';
import { UuidPipe } from '../errors/uuid.pipe';
import { ChallengeViewDto, IssueChallengeDto, RecoveryCodeSignInDto, RedeemRecoveryCodeDto, VerifiedChallengeDto } from './mfa.dto';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { MfaTokenAuth, MfaTokenOrAccessAuth } from '@sitepass/common';
import { answerStarted, ApiChallengeStarted } from '../factors/started-answer';

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
    @ApiChallengeStarted()
    @ApiErrors(
      'validation_failed',
      ...MFA_OR_ACCESS_TOKEN_ERRORS,
      'account_locked',
      'not_found',
      'factor_type_not_allowed',
      'too_many_attempts',
      'resend_too_soon',
      'sms_quota_exceeded',
    )
    async issueChallenge(
      @CurrentCaller() caller: Caller,
      @Body() body: IssueChallengeDto,
      @Res({ passthrough: true }) response: Response,
    ): Promise<ChallengeView> {
      const challenge = await this.mfa.issueChallenge(caller, body.factorId, body.purpose);
      answerStarted(response, this.factorTypes, challenge.factorType);
      return challenge;
    }

    @MfaTokenOrAccessAuth()
    @Get('challenges/:challengeId')
    @ApiOkResponse({ type: ChallengeViewDto, description: 'The challenge, with the delivery of its code (SMS-3)' })
    @ApiErrors('validation_failed', ...MFA_OR_ACCESS_TOKEN_ERRORS, 'not_found')
    describeChallenge(@CurrentCaller() caller: Caller, @Param('challengeId', UuidPipe) challengeId: string): Promise<ChallengeView> {
      return this.mfa.describeChallenge(caller, challengeId);
    }

    @MfaTokenOrAccessAuth()
    @Post('challenges/:challengeId/verify')
    @HttpCode(HttpStatus.OK)
    @ApiOkResponse({
      type: VerifiedChallengeDto,
      description:
        'mfaToken: the sign-in is complete (status authenticated, tokens), or a proof challenge proved its factor ({status: "factor_proven", factorId, factorType}, ABUSE-3); access token: {status: "verified", accessToken, mfaTime}',
    })
    @ApiErrors(
      'validation_failed',
      ...MFA_OR_ACCESS_TOKEN_ERRORS,
      'invalid_credentials',
      'account_locked',
      'not_found',
      'verification_failed',
      'clock_skew_suspected',
      'code_already_used',
      'challenge_failed',
      'challenge_expired',
      'too_many_attempts',
    )
    @ApiBody({ type: FactorProofDto })
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
    @ApiAcceptedResponse({ type: ChallengeViewDto, description: 'A new code is on its way; the previous one no longer works (SMS-2)' })
    @ApiErrors(
      'validation_failed',
      ...MFA_OR_ACCESS_TOKEN_ERRORS,
      'not_found',
      'factor_type_not_allowed',
      'code_already_used',
      'challenge_failed',
      'challenge_expired',
      'resend_too_soon',
      'sms_quota_exceeded',
    )
    resendChallenge(@CurrentCaller() caller: Caller, @Param('challengeId', UuidPipe) challengeId: string): Promise<ChallengeView> {
      return this.mfa.resendChallenge(caller, challengeId);
    }

    @MfaTokenAuth()
    @Post('recovery-codes/redeem')
    @HttpCode(HttpStatus.OK)
    @ApiOkResponse({ type: RecoveryCodeSignInDto })
    @ApiErrors(
      'validation_failed',
      ...MFA_TOKEN_ERRORS,
      'invalid_credentials',
      'account_locked',
      'verification_failed',
      'too_many_attempts',
    )
    redeemRecoveryCode(@CurrentCaller() caller: Caller, @Body() body: RedeemRecoveryCodeDto) {
      return this.mfa.redeemRecoveryCode(caller, body.code);
    }
  }
  return MfaStepController;
}
