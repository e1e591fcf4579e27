/** The audited events (AUD-1). Names are stable: operators filter on them. */
export type AuditEventType =
  | 'sign_in.succeeded'
  | 'sign_in.mfa_required'
  | 'sign_in.enrollment_required'
  | 'sign_in.failed'
  | 'session.signed_out'
  | 'session.refresh_reused'
  | 'mfa.verified'
  | 'mfa.failed'
  | 'enrollment.started'
  | 'enrollment.confirmed'
  | 'factor.revoked'
  | 'recovery_code.issued'
  | 'recovery_code.redeemed'
  | 'account.mfa_locked'
  | 'policy.changed'
  | 'mfa.reset';
