import { Challenge } from '@sitepass/database';

/** What a client sees of a challenge; for SMS also when it may resend and where the code is (SMS-3). */
export interface ChallengeView {
  challengeId: string;
  factorType: string;
  status: Challenge['status'];
  expiresAt: string;
  resendAvailableAt?: string;
  /** Step-ups: the operation the challenge is bound to (PAY-6). */
  operation?: string;
  delivery?: { status: string; failedAt: string | null } | null;
  /** Passkeys: the options for navigator.credentials.get() (PASSKEY-5). */
  webauthn?: Record<string, unknown>;
}

export function viewChallenge(challenge: Challenge, factorType: string): ChallengeView {
  return {
    challengeId: challenge.id,
    factorType,
    status: challenge.status,
    expiresAt: challenge.expiresAt.toISOString(),
    ...(challenge.resendAvailableAt ? { resendAvailableAt: challenge.resendAvailableAt.toISOString() } : {}),
    ...(challenge.operation ? { operation: challenge.operation } : {}),
  };
}
