import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorCode } from '@sitepass/auth';
import { ErrorBodyDto, FactorProofRequiredDto } from './error-body.dto';
import { ERROR_HTTP_STATUS } from './error-status.map';

/**
 * What every route can answer: the JSON parser runs before routing, so a body it cannot parse or take (SEC-2);
 * and while PostgreSQL or Redis is out of reach, service_unavailable with Retry-After (REL-2).
 */
const EVERY_ROUTE_ERRORS: readonly ErrorCode[] = ['invalid_json', 'payload_too_large', 'unsupported_media_type', 'service_unavailable'];

/** What the access-token guard and its strategy refuse with (SES-7, SES-8). */
export const ACCESS_TOKEN_ERRORS: readonly ErrorCode[] = ['authentication_required', 'invalid_token', 'session_revoked'];

/** What the mfaToken guard refuses with: no token, an unknown, used or expired one, or a sign-in ended by wrong codes. */
export const MFA_TOKEN_ERRORS: readonly ErrorCode[] = ['authentication_required', 'invalid_token', 'mfa_attempts_exhausted'];

/** Routes that take either token (LOGIN-3, LOGIN-4): the refusals of both guards. */
export const MFA_OR_ACCESS_TOKEN_ERRORS: readonly ErrorCode[] = [...new Set([...ACCESS_TOKEN_ERRORS, ...MFA_TOKEN_ERRORS])];

/** What the service-token guard of the internal API refuses with (DIR-4). */
export const SERVICE_TOKEN_ERRORS: readonly ErrorCode[] = ['authentication_required', 'invalid_token', 'internal_api_disabled'];

/** Error bodies with fields of their own, by the code that carries them. */
const BODIES: Partial<Record<ErrorCode, Type<ErrorBodyDto>>> = { factor_proof_required: FactorProofRequiredDto };

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } };

/**
 * The error answers of one operation for /docs: the codes it can answer with, each under its status from
 * ERROR_HTTP_STATUS, one response per status whose description lists its codes in the order given, and the
 * errors every route can answer. Only the codes are written by hand, at each route; test/docs/openapi.e2e-spec.ts
 * holds every operation of both documents to this form.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator {
  const byStatus = new Map<HttpStatus, ErrorCode[]>();
  for (const code of new Set([...codes, ...EVERY_ROUTE_ERRORS])) {
    const status = ERROR_HTTP_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, group]) =>
      ApiResponse({
        status,
        type: group.map((code) => BODIES[code]).find((body) => body !== undefined) ?? ErrorBodyDto,
        description: group.join(', '),
        ...(status === HttpStatus.TOO_MANY_REQUESTS || status === HttpStatus.SERVICE_UNAVAILABLE ? { headers: RETRY_AFTER } : {}),
      }),
    ),
  );
}
