/**
 * The closed set of error codes clients can switch on. Part of the contract: add codes, never rename.
 * The HTTP layer maps each one to a status through a map the compiler checks for completeness.
 */
export const ERROR_CODES = [
  // Transport and validation (SEC-2)
  'validation_failed',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'not_found',
  'internal_error',
  'service_unavailable',
  // Sessions and tokens (SES)
  'authentication_required',
  'invalid_token',
  'invalid_credentials',
  'session_revoked',
  'session_expired',
  'mfa_reauth_required',
  'too_many_attempts',
  'sso_required',
  // Pay after SSO (PAY-11)
  'invalid_id_token',
  'unknown_provider',
  'email_not_verified',
  // MFA step and factors (LOGIN, TOTP, REC, POL-8)
  'verification_failed',
  'clock_skew_suspected',
  'code_already_used',
  'challenge_failed',
  'challenge_expired',
  'mfa_attempts_exhausted',
  'account_locked',
  'enrollment_expired',
  'enrollment_not_available',
  'factor_type_not_allowed',
  'reauthentication_required',
  'current_password_incorrect',
  'last_factor_required',
  'factor_proof_required',
  // The email proof of a first factor enrolled inside a sign-in (ABUSE-16)
  'email_code_invalid',
  'email_code_expired',
  // Passkeys (PASSKEY-3)
  'passwordless_not_allowed',
  // SMS (SMS-1, SMS-5)
  'invalid_phone_number',
  'phone_country_not_allowed',
  'resend_too_soon',
  'sms_quota_exceeded',
  // SMS toll-fraud guard (SMS-10)
  'sms_temporarily_unavailable',
  // Pay (PAY)
  'role_required',
  'role_not_permitted',
  'step_up_required',
  // Directory (DIR)
  'internal_api_disabled',
  'forbidden',
  'email_taken',
  'invalid_pay_role',
  // Company policy and admin reset (POL, RESET)
  'invalid_enforcement_date',
  'reset_not_available',
  'cannot_reset_self',
  'sso_user',
  'pay_support_required',
  'support_user',
  // Hosted pages (WEB-2, WEB-7)
  'csrf_failed',
  'invalid_grant',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
