import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { ChallengeView, CodeProofDto, FactorPayload, FactorTypes, Principal, StepUpService } from '@sitepass/auth';
import { CurrentPrincipal, FactorProofPipe, UuidPipe } from '@sitepass/http';
import type { Response } from 'express';
import { StartStepUpDto } from './step-up.dto';

/** PAY-6: a fresh factor check bound to one operation, yielding a single-use, 5-minute step-up token. */
@ApiTags('step-up')
@ApiBearerAuth()
@Controller('v1/pay/step-ups')
export class StepUpsController {
  constructor(
    private readonly stepUps: StepUpService,
    private readonly factorTypes: FactorTypes,
  ) {}

  @Post()
  async startStepUp(
    @CurrentPrincipal() principal: Principal,
    @Body() body: StartStepUpDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ChallengeView> {
    const challenge = await this.stepUps.startStepUp(principal, body.operation, body.factorId);
    response.status(this.factorTypes.of(challenge.factorType).sendsCode ? HttpStatus.ACCEPTED : HttpStatus.CREATED);
    return challenge;
  }

  @Post(':stepUpId/verify')
  @HttpCode(HttpStatus.OK)
  @ApiBody({ type: CodeProofDto })
  verifyStepUp(
    @CurrentPrincipal() principal: Principal,
    @Param('stepUpId', UuidPipe) stepUpId: string,
    @Body(FactorProofPipe) proof: FactorPayload,
  ) {
    return this.stepUps.verifyStepUp(principal, stepUpId, proof);
  }
}
