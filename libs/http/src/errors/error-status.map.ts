import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@sitepass/auth';

/** Every domain error code and its HTTP status; `satisfies` makes an unmapped code a compile error. */
export const ERROR_HTTP_STATUS = {
  validation_failed: HttpStatus.BAD_REQUEST,
  invalid_json: HttpStatus.BAD_REQUEST,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  not_found: HttpStatus.NOT_FOUND,
  internal_error: HttpStatus.INTERNAL_SERVER_ERROR,
  authentication_required: HttpStatus.UNAUTHORIZED,
  invalid_token: HttpStatus.UNAUTHORIZED,
  invalid_credentials: HttpStatus.UNAUTHORIZED,
  session_revoked: HttpStatus.UNAUTHORIZED,
  session_expired: HttpStatus.UNAUTHORIZED,
  mfa_reauth_required: HttpStatus.UNAUTHORIZED,
  too_many_attempts: HttpStatus.TOO_MANY_REQUESTS,
  sso_required: HttpStatus.FORBIDDEN,
  internal_api_disabled: HttpStatus.FORBIDDEN,
  forbidden: HttpStatus.FORBIDDEN,
  email_taken: HttpStatus.CONFLICT,
  invalid_pay_role: HttpStatus.UNPROCESSABLE_ENTITY,
} as const satisfies Record<ErrorCode, HttpStatus>;
