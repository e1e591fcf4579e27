import { FactorType } from '@sitepass/database';
import { FactorSummary } from '../factors/factor-summary';
import { Authenticated } from '../sign-in/sign-in-result';

export interface EnrollmentRequest {
  factorType: FactorType;
  phoneNumber?: string;
  /** Required in self-service (POL-8); not inside a forced sign-in. */
  currentPassword?: string;
}

/** TOTP-2: what the client shows for scanning or typing. */
export interface TotpProvisioning {
  secret: string;
  secretGrouped: string;
  otpauthUri: string;
  qrCodePngDataUrl: string;
  qrCodeSvg: string;
}

export interface StartedEnrollment {
  enrollmentId: string;
  factorType: FactorType;
  expiresAt: string;
  /** Set when this enrollment will replace an active factor of the same type (TOTP-5, SMS-9). */
  replacesFactorId: string | null;
  totp?: TotpProvisioning;
  sms?: { challengeId: string; maskedPhoneNumber: string; codeExpiresAt: string; resendAvailableAt: string };
}

export interface ConfirmedEnrollment {
  factor: FactorSummary;
  /** Shown once, when one is issued (REC-2). */
  recoveryCode?: string;
  /** Inside a sign-in, confirming the first factor completes it (LOGIN-4). */
  session?: Authenticated;
}
