import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { Caller, EnrollmentService, StartedEnrollment, viewChallenge } from '@sitepass/auth';
import { CurrentCaller, FACTOR_PROOF_REQUIRED, FactorProofRequiredDto, StartEnrollmentDto, UuidPipe, VerifyCodeDto } from '@sitepass/http';
import type { Response } from 'express';
import { MfaTokenOrAccessAuth } from '@sitepass/common';

/** Enrollment of an authenticator app or a phone (TOTP-2, TOTP-3, TOTP-5, SMS-1, SMS-9, LOGIN-4, POL-8). */
@ApiTags('enrollment')
@ApiBearerAuth()
@MfaTokenOrAccessAuth()
@Controller('v1/enrollments')
export class EnrollmentsController {
  constructor(private readonly enrollments: EnrollmentService) {}

  /** TOTP answers 201 with the secret and QR code; SMS answers 202, the code being on its way. */
  @Post()
  @ApiForbiddenResponse({ type: FactorProofRequiredDto, description: FACTOR_PROOF_REQUIRED })
  async startEnrollment(
    @CurrentCaller() caller: Caller,
    @Body() body: StartEnrollmentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StartedEnrollment> {
    const started = await this.enrollments.startEnrollment(caller, body);
    response.status(started.factorType === 'sms' ? HttpStatus.ACCEPTED : HttpStatus.CREATED);
    return started;
  }

  @Post(':enrollmentId/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiForbiddenResponse({ type: FactorProofRequiredDto, description: FACTOR_PROOF_REQUIRED })
  async confirmEnrollment(
    @CurrentCaller() caller: Caller,
    @Param('enrollmentId', UuidPipe) enrollmentId: string,
    @Body() body: VerifyCodeDto,
  ) {
    const { factor, recoveryCode, session } = await this.enrollments.confirmEnrollment(caller, enrollmentId, body.code);
    return { factor, ...(recoveryCode ? { recoveryCode } : {}), ...(session ?? {}) };
  }

  @Post(':enrollmentId/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  async resendEnrollmentCode(@CurrentCaller() caller: Caller, @Param('enrollmentId', UuidPipe) enrollmentId: string) {
    return viewChallenge(await this.enrollments.resendEnrollmentCode(caller, enrollmentId), 'sms');
  }
}
