import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse } from '@nestjs/swagger';
import { FactorTypes } from '@sitepass/auth';
import type { Response } from 'express';
import { ChallengeViewDto } from '../mfa/mfa.dto';

/**
 * Starting a challenge, a step-up or an enrollment answers 202 when the factor's type sends a code (it is
 * on its way, SMS-3) and 201 otherwise; the type says which, no route names it.
 */
export function answerStarted(response: Response, factorTypes: FactorTypes, factorType: string): void {
  response.status(factorTypes.of(factorType).sendsCode ? HttpStatus.ACCEPTED : HttpStatus.CREATED);
}

/** The two answers of a challenge's start (a sign-in challenge, a step-up), for /docs. */
export function ApiChallengeStarted(type: Type<unknown> = ChallengeViewDto): MethodDecorator {
  return applyDecorators(
    ApiCreatedResponse({ type, description: 'A type that sends nothing (an authenticator app): enter its code' }),
    ApiAcceptedResponse({ type, description: 'A type that sends a code (SMS): the code is on its way (SMS-3)' }),
  );
}
