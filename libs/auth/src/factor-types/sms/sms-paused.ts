import { DomainError, ErrorDetails } from '../../errors/domain.error';

/** SMS-10: the refusal of an SMS to a blocked prefix. */
export function isSmsPaused(error: unknown): error is DomainError & { code: 'sms_temporarily_unavailable' } {
  return error instanceof DomainError && error.code === 'sms_temporarily_unavailable';
}

/**
 * The same refusal, offering the user their other ways (SMS-10): at a challenge the factors they can prove
 * instead (`otherFactors`), at an enrollment the types they can enroll instead (`allowedFactorTypes`).
 */
export function offeringOtherWays(error: DomainError, where: 'challenge' | 'enrollment', ways: ErrorDetails): DomainError {
  const key = where === 'challenge' ? 'error.sms_temporarily_unavailable' : 'error.sms_temporarily_unavailable.enrollment';
  return DomainError.of(key, { ...error.details, ...ways }, { retryAfterSeconds: error.retryAfterSeconds });
}
