import { Body, Controller, HttpCode, HttpStatus, Inject, Optional, Param, Post, Res, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import {
  Caller,
  ChallengeView,
  CodeProofDto,
  EnrollmentRequest,
  EnrollmentService,
  FactorPayload,
  FactorTypes,
  StartedEnrollment,
  viewChallenge,
} from '@sitepass/auth';
import { MfaTokenOrAccessAuth } from '@sitepass/common';
import type { Response } from 'express';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { FACTOR_PROOF_REQUIRED, FactorProofRequiredDto } from '../errors/error-body.dto';
import { UuidPipe } from '../errors/uuid.pipe';
import { EnrollmentRequestPipe, FactorProofPipe, StartEnrollmentDto } from './factor-payload.pipes';

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
    @ApiForbiddenResponse({ type: FactorProofRequiredDto, description: FACTOR_PROOF_REQUIRED })
    async startEnrollment(
      @CurrentCaller() caller: Caller,
      @Body(EnrollmentRequestPipe) request: EnrollmentRequest,
      @Res({ passthrough: true }) response: Response,
    ): Promise<StartedEnrollment> {
      const onlyTypes = await this.gate?.admit(caller);
      const started = await this.enrollments.startEnrollment(caller, request, onlyTypes);
      response.status(this.factorTypes.of(started.factorType).sendsCode ? HttpStatus.ACCEPTED : HttpStatus.CREATED);
      return started;
    }

    @Post(':enrollmentId/confirm')
    @HttpCode(HttpStatus.OK)
    @ApiBody({ type: CodeProofDto })
    @ApiForbiddenResponse({ type: FactorProofRequiredDto, description: FACTOR_PROOF_REQUIRED })
    async confirmEnrollment(
      @CurrentCaller() caller: Caller,
      @Param('enrollmentId', UuidPipe) enrollmentId: string,
      @Body(FactorProofPipe) proof: FactorPayload,
    ) {
      await this.gate?.admit(caller);
      const { factor, recoveryCode, session } = await this.enrollments.confirmEnrollment(caller, enrollmentId, proof);
      return { factor, ...(recoveryCode ? { recoveryCode } : {}), ...(session ?? {}) };
    }

    @Post(':enrollmentId/resend')
    @HttpCode(HttpStatus.ACCEPTED)
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
