import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ChallengeView, Principal, StepUpService } from '@sitepass/auth';
import { CurrentPrincipal, UuidPipe, VerifyCodeDto } from '@sitepass/http';
import type { Response } from 'express';
import { StartStepUpDto } from './step-up.dto';

/** PAY-6: a fresh factor check bound to one operation, yielding a single-use, 5-minute step-up token. */
@ApiTags('step-up')
@ApiBearerAuth()
@Controller('v1/pay/step-ups')
export class StepUpsController {
  constructor(private readonly stepUps: StepUpService) {}

  @Post()
  async startStepUp(
    @CurrentPrincipal() principal: Principal,
    @Body() body: StartStepUpDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ChallengeView> {
    const challenge = await this.stepUps.startStepUp(principal, body.operation, body.factorId);
    response.status(challenge.factorType === 'sms' ? HttpStatus.ACCEPTED : HttpStatus.CREATED);
    return challenge;
  }

  @Post(':stepUpId/verify')
  @HttpCode(HttpStatus.OK)
  verifyStepUp(@CurrentPrincipal() principal: Principal, @Param('stepUpId', UuidPipe) stepUpId: string, @Body() body: VerifyCodeDto) {
    return this.stepUps.verifyStepUp(principal, stepUpId, body.code);
  }
}
