import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ChallengeView, FactorPayload, FactorTypes, HandOffService, Principal, StepUpService, StepUpToken } from '@sitepass/auth';
import {
  ACCESS_TOKEN_ERRORS,
  answerStarted,
  ApiChallengeStarted,
  ApiErrors,
  CodeExchangeDto,
  CurrentPrincipal,
  FactorProofDto,
  FactorProofPipe,
  UuidPipe,
} from '@sitepass/http';
import type { Response } from 'express';
import { StartStepUpDto, StepUpTokenDto } from './step-up.dto';

/** PAY-6: a fresh factor check bound to one operation, yielding a single-use, 5-minute step-up token. */
@ApiTags('step-up')
@ApiBearerAuth()
@Controller('v1/pay/step-ups')
export class StepUpsController {
  constructor(
    private readonly stepUps: StepUpService,
    private readonly factorTypes: FactorTypes,
    private readonly handOff: HandOffService,
  ) {}

  /**
   * WEB-6: the step-up a user proved on the hosted page (/pay/step-up), handed to this session by the code
   * its return URL got: the same step-up token as POST …/verify gives, for the code's operation.
   */
  @Post('exchange')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StepUpTokenDto })
  @ApiErrors('validation_failed', ...ACCESS_TOKEN_ERRORS, 'invalid_grant')
  exchange(@CurrentPrincipal() principal: Principal, @Body() body: CodeExchangeDto): Promise<StepUpToken> {
    return this.handOff.exchangeForStepUp(principal, body.code, body.codeVerifier);
  }

  @Post()
  @ApiChallengeStarted()
  @ApiErrors(
    'validation_failed',
    ...ACCESS_TOKEN_ERRORS,
    'account_locked',
    'not_found',
    'factor_type_not_allowed',
    'too_many_attempts',
    'resend_too_soon',
    'sms_quota_exceeded',
  )
  async startStepUp(
    @CurrentPrincipal() principal: Principal,
    @Body() body: StartStepUpDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ChallengeView> {
    const challenge = await this.stepUps.startStepUp(principal, body.operation, body.factorId);
    answerStarted(response, this.factorTypes, challenge.factorType);
    return challenge;
  }

  @Post(':stepUpId/verify')
  @HttpCode(HttpStatus.OK)
  @ApiBody({ type: FactorProofDto })
  @ApiOkResponse({ type: StepUpTokenDto })
  @ApiErrors(
    'validation_failed',
    ...ACCESS_TOKEN_ERRORS,
    'account_locked',
    'not_found',
    'verification_failed',
    'clock_skew_suspected',
    'code_already_used',
    'challenge_failed',
    'challenge_expired',
    'too_many_attempts',
  )
  verifyStepUp(
    @CurrentPrincipal() principal: Principal,
    @Param('stepUpId', UuidPipe) stepUpId: string,
    @Body(FactorProofPipe) proof: FactorPayload,
  ): Promise<StepUpToken> {
    return this.stepUps.verifyStepUp(principal, stepUpId, proof);
  }
}
