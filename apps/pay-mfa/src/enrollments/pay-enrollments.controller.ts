import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { Caller, EnrollmentService, StartedEnrollment, viewChallenge } from '@sitepass/auth';
import { CurrentCaller, FACTOR_PROOF_REQUIRED, FactorProofRequiredDto, StartEnrollmentDto, UuidPipe, VerifyCodeDto } from '@sitepass/http';
import type { Response } from 'express';
import { EnrollmentAudience, PayRoleGate } from './pay-role.gate';
import { FactorType } from '@sitepass/database';
import { MfaTokenOrAccessAuth } from '@sitepass/common';

/**
 * PAY-5: enrollment for one kind of Pay role. Payors enroll an authenticator app only; payee admins an
 * app or a US mobile number. The shared enrollment core applies Pay's policy on top (a user holding
 * both kinds of role gets the stricter rule).
 */
export function createPayEnrollmentsController(
  path: string,
  audience: EnrollmentAudience,
  onlyTypes: readonly FactorType[],
): Type<unknown> {
  @ApiTags('pay enrollment')
  @ApiBearerAuth()
  @MfaTokenOrAccessAuth()
  @Controller(path)
  class PayEnrollmentsController {
    constructor(
      private readonly enrollments: EnrollmentService,
      private readonly roles: PayRoleGate,
    ) {}

    @Post()
    @ApiForbiddenResponse({ type: FactorProofRequiredDto, description: FACTOR_PROOF_REQUIRED })
    async startEnrollment(
      @CurrentCaller() caller: Caller,
      @Body() body: StartEnrollmentDto,
      @Res({ passthrough: true }) response: Response,
    ): Promise<StartedEnrollment> {
      await this.roles.require(caller.userId, audience);
      const started = await this.enrollments.startEnrollment(caller, body, onlyTypes);
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
      await this.roles.require(caller.userId, audience);
      const { factor, recoveryCode, session } = await this.enrollments.confirmEnrollment(caller, enrollmentId, body.code);
      return { factor, ...(recoveryCode ? { recoveryCode } : {}), ...(session ?? {}) };
    }

    @Post(':enrollmentId/resend')
    @HttpCode(HttpStatus.ACCEPTED)
    async resendEnrollmentCode(@CurrentCaller() caller: Caller, @Param('enrollmentId', UuidPipe) enrollmentId: string) {
      await this.roles.require(caller.userId, audience);
      return viewChallenge(await this.enrollments.resendEnrollmentCode(caller, enrollmentId), 'sms');
    }
  }
  return PayEnrollmentsController;
}

export const PayorEnrollmentsController = createPayEnrollmentsController('v1/pay/payor/enrollments', 'payor', ['totp']);
export const PayeeAdminEnrollmentsController = createPayEnrollmentsController('v1/pay/payee-admin/enrollments', 'payee_admin', [
  'totp',
  'sms',
]);
