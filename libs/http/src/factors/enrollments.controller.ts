import { Body, Controller, HttpCode, HttpStatus, Inject, Optional, Param, Post, Res, Type } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Caller,
  ChallengeView,
  EnrollmentRequest,
  EnrollmentService,
  ErrorCode,
  FactorTypes,
  StartedEnrollment,
  viewChallenge,
} from '@sitepass/auth';
import { MfaTokenOrAccessAuth } from '@sitepass/common';
import type { Response } from 'express';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ApiErrors, MFA_OR_ACCESS_TOKEN_ERRORS } from '../errors/api-errors.decorator';
import { UuidPipe } from '../errors/uuid.pipe';
import { ChallengeViewDto } from '../mfa/mfa.dto';
import { ConfirmedEnrollmentDto, StartedEnrollmentDto } from './enrollment.dto';
import {
  EnrollmentConfirmation,
  EnrollmentConfirmationDto,
  EnrollmentConfirmationPipe,
  EnrollmentRequestPipe,
  StartEnrollmentDto,
} from './factor-payload.pipes';
import { answerStarted } from './started-answer';

/**
 * Who may enroll at one enrollment endpoint, beyond the product's policy: Pay serves each kind of role at
 * its own path (PAY-5). Throws a DomainError to refuse; answers the types this endpoint serves, or
 * undefined for every type the product allows.
 */
export interface EnrollmentGate {
  admit(caller: Caller): Promise<readonly string[] | undefined>;
}

const NO_GATE = Symbol('NoEnrollmentGate');

/**
 * Enrollment of a factor of any registered type (TOTP-2, TOTP-3, TOTP-5, SMS-1, SMS-9, LOGIN-4, POL-8),
 * at `path`, for both products: start, confirm with a proof, resend a code. A type that sends a code
 * answers 202 at start (the code is on its way); the others 201.
 */
export function createEnrollmentsController(path: string, options: { tag?: string; gate?: Type<EnrollmentGate> } = {}): Type<unknown> {
  // What the gate, where there is one, refuses with (PAY-5).
  const gated: ErrorCode[] = options.gate ? ['role_required'] : [];

  @ApiTags(options.tag ?? 'enrollment')
  @ApiBearerAuth()
  @MfaTokenOrAccessAuth()
  @Controller(path)
  class EnrollmentsController {
    constructor(
      private readonly enrollments: EnrollmentService,
      private readonly factorTypes: FactorTypes,
      @Optional() @Inject(options.gate ?? NO_GATE) private readonly gate?: EnrollmentGate,
    ) {}

    @Post()
    @ApiBody({ type: StartEnrollmentDto })
    @ApiCreatedResponse({
      type: StartedEnrollmentDto,
      description: 'A type that sends nothing (an authenticator app): its secret, under totp',
    })
    @ApiAcceptedResponse({ type: StartedEnrollmentDto, description: 'A type that sends a code (SMS): the code is on its way, see sms' })
    @ApiErrors(
      'validation_failed',
      ...MFA_OR_ACCESS_TOKEN_ERRORS,
      'reauthentication_required',
      'factor_proof_required',
      ...gated,
      'enrollment_not_available',
      'sso_required',
      'current_password_incorrect',
      'factor_type_not_allowed',
      'invalid_phone_number',
      'phone_country_not_allowed',
      'too_many_attempts',
      'resend_too_soon',
      'sms_quota_exceeded',
    )
    async startEnrollment(
      @CurrentCaller() caller: Caller,
      @Body(EnrollmentRequestPipe) request: EnrollmentRequest,
      @Res({ passthrough: true }) response: Response,
    ): Promise<StartedEnrollment> {
      const onlyTypes = await this.gate?.admit(caller);
      const started = await this.enrollments.startEnrollment(caller, request, onlyTypes);
      answerStarted(response, this.factorTypes, started.factorType);
      return started;
    }

    @Post(':enrollmentId/confirm')
    @HttpCode(HttpStatus.OK)
    @ApiBody({ type: EnrollmentConfirmationDto })
    @ApiOkResponse({ type: ConfirmedEnrollmentDto })
    @ApiErrors(
      'validation_failed',
      ...MFA_OR_ACCESS_TOKEN_ERRORS,
      'reauthentication_required',
      'invalid_credentials',
      'factor_proof_required',
      ...gated,
      'account_locked',
      'not_found',
      'enrollment_expired',
      'verification_failed',
      'clock_skew_suspected',
      'code_already_used',
      'challenge_failed',
      'challenge_expired',
      'email_code_invalid',
      'email_code_expired',
      'too_many_attempts',
    )
    async confirmEnrollment(
      @CurrentCaller() caller: Caller,
      @Param('enrollmentId', UuidPipe) enrollmentId: string,
      @Body(EnrollmentConfirmationPipe) { proof, emailCode }: EnrollmentConfirmation,
    ) {
      await this.gate?.admit(caller);
      const { factor, recoveryCode, session } = await this.enrollments.confirmEnrollment(caller, enrollmentId, proof, emailCode);
      return { factor, ...(recoveryCode ? { recoveryCode } : {}), ...(session ?? {}) };
    }

    @Post(':enrollmentId/resend')
    @HttpCode(HttpStatus.ACCEPTED)
    @ApiAcceptedResponse({ type: ChallengeViewDto, description: 'A new code is on its way; the previous one no longer works (SMS-2)' })
    @ApiErrors(
      'validation_failed',
      ...MFA_OR_ACCESS_TOKEN_ERRORS,
      ...gated,
      'not_found',
      'enrollment_expired',
      'factor_type_not_allowed',
      'code_already_used',
      'challenge_failed',
      'challenge_expired',
      'resend_too_soon',
      'sms_quota_exceeded',
    )
    async resendEnrollmentCode(
      @CurrentCaller() caller: Caller,
      @Param('enrollmentId', UuidPipe) enrollmentId: string,
    ): Promise<ChallengeView> {
      await this.gate?.admit(caller);
      const { challenge, factorType } = await this.enrollments.resendEnrollmentCode(caller, enrollmentId);
      return viewChallenge(challenge, factorType);
    }
  }
  return EnrollmentsController;
}
