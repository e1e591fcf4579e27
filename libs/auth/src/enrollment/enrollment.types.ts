import { FactorPayload } from '../factor-types/factor-authenticator';
import { FactorSummary } from '../factors/factor-summary';
import { Authenticated } from '../sign-in/sign-in-result';

export interface EnrollmentRequest {
  factorType: string;
  /** Required in self-service (POL-8); not inside a forced sign-in. */
  currentPassword?: string;
  /** The type's own fields (a phone number…), validated at the edge against the type's payload DTO. */
  payload: FactorPayload;
}

/**
 * A started enrollment. What the type shows once (TOTP-2's secret and QR code, SMS-3's challenge) is under
 * the type's name: `totp: {…}`, `sms: {…}`.
 */
export type StartedEnrollment = {
  enrollmentId: string;
  factorType: string;
  expiresAt: string;
  /** Set when this enrollment will replace an active factor of the same type (TOTP-5, SMS-9). */
  replacesFactorId: string | null;
  /** ABUSE-16: confirming needs the code emailed to the account too (`emailCode`), sent to `maskedEmail`. */
  emailProofRequired?: true;
  maskedEmail?: string;
} & Record<string, unknown>;

/** A pending enrollment seen again (the hosted pages' code form): nothing that was to be shown only once. */
export interface PendingEnrollmentView {
  enrollmentId: string;
  factorType: string;
  /** The active factor of the same type it replaces when confirmed (TOTP-5, SMS-9). */
  replacesFactorId: string | null;
  maskedPhoneNumber?: string;
  codeExpiresAt: string;
  resendAvailableAt?: string;
  /** ABUSE-16: confirming needs the code emailed to the account too, sent to `maskedEmail`. */
  emailProofRequired?: true;
  maskedEmail?: string;
}

export interface ConfirmedEnrollment {
  factor: FactorSummary;
  /** Shown once, when one is issued (REC-2). */
  recoveryCode?: string;
  /** Inside a sign-in, confirming the first factor completes it (LOGIN-4). */
  session?: Authenticated;
}
