import { Membership, User } from '@sitepass/database';
import { DomainError } from '../errors/domain.error';
import { phrase } from '@sitepass/i18n';
import { Principal } from '../tokens/access-token';

export const RESET_RULES = Symbol('ResetRules');

/** RESET-1, PAY-10: whom to reset, named by login email, and the caller's attestation. */
export interface MemberResetRequest {
  /** The member's login email: the admin names whom they verified, not an id they looked up. */
  email: string;
  /** The admin attests that they verified the member's identity; only `true` is accepted. */
  identityVerified: boolean;
  /** Support's note of how the identity was checked, where the product asks for one (PAY-10). */
  identityCheckNote?: string;
}

/** The caller, as who may reset in this company; `role` is audited as `data.by`. */
export interface ResetActor {
  user: User;
  role: 'company_admin' | 'payee_admin' | 'support';
}

/**
 * Who the member's notice says reset them (RESET-4): facts, not words, so that the worker words the email in
 * the member's language (I18N-2): Sitepass support, or an admin of the named company.
 */
export interface ResetNotice {
  resetBy: ResetActor['role'];
  companyName?: string;
}

/** A reset the product allows: how the member's notice names who reset them (RESET-4), and what the audit keeps. */
export interface ResetApproval {
  resetBy: ResetNotice;
  data: Record<string, string | boolean>;
}

/**
 * A product's rules for MFA resets, passed to the shared reset flow (MfaResetService) beside its policy:
 * who may reset in a company, when, and whom. Each throws a DomainError to refuse.
 */
export interface ResetRules {
  /**
   * Who the caller is when resetting in this company; refuses one who may not reset there (RESET-1, PAY-10),
   * and a session without a proven factor (assertMfaSession), in the order the product answers them.
   */
  authorize(principal: Principal, actor: User, companyId: string): Promise<ResetActor>;
  /** Refuses resets the company does not allow now (RESET-1: while its policy is scheduled or enforced). */
  assertOpen(companyId: string): Promise<void>;
  /** Refuses a member this caller may not reset (RESET-3, ABUSE-12, PAY-10), or approves the reset. */
  approve(
    actor: ResetActor,
    companyId: string,
    member: User,
    memberships: Membership[],
    request: MemberResetRequest,
  ): Promise<ResetApproval>;
}

/** PAY-10, RESET-5: support says how they checked the identity; the audit keeps it. */
export function requireIdentityCheckNote(request: Pick<MemberResetRequest, 'identityCheckNote'>, whom: 'payor' | 'user' = 'payor'): string {
  const note = request.identityCheckNote?.trim();
  if (!note) {
    const problem = phrase(whom === 'payor' ? 'validation.identity_check_note' : 'validation.identity_check_note.user');
    throw DomainError.validation([{ field: 'identityCheckNote', problem }]);
  }
  return note;
}

/** Taking away someone's second factor is itself a second-factor decision: no password-only sessions. */
export function assertMfaSession(principal: Principal): void {
  if (principal.acr !== 'aal2') {
    throw DomainError.of('error.reauthentication_required.reset');
  }
}
