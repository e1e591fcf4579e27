/**
 * What producers and the worker agree on besides queue names: the email templates a producer may ask for
 * (the worker renders them), and how a sealed code is bound to what it proves.
 */
export type EmailTemplate =
  | 'factor_added'
  | 'factor_changed'
  | 'factor_removed'
  | 'recovery_code_redeemed'
  | 'recovery_code_regenerated'
  | 'account_locked'
  | 'mfa_reset'
  | 'policy_announcement'
  | 'policy_reminder'
  | 'enrollment_email_code';

/** The emails about a company's deadline: cancelled when it moves, re-checked before they go (NOTE-1). */
export const POLICY_NOTICES: readonly EmailTemplate[] = ['policy_announcement', 'policy_reminder'];

/** The associated data that binds a sealed SMS code to its challenge: the API seals, the worker opens (SMS-2). */
export const smsCodeAad = (challengeId: string) => `challenge:${challengeId}:sms-code`;

/** The associated data that binds a sealed enrollment email code to its pending factor (ABUSE-16). */
export const enrollmentEmailCodeAad = (factorId: string) => `factor:${factorId}:enrollment-email-code`;
