import { FactorSummary } from '../factors/factor-summary';
import { IssuedTokens } from '../sessions/session.service';

export type Authenticated = {
  status: 'authenticated';
  deviceToken?: string;
  recoveryCode?: string;
  reenrollmentRecommended?: boolean;
} & IssuedTokens;

/** LOGIN-1: the three answers of the password step. */
export type SignInResult =
  | Authenticated
  | { status: 'mfa_required'; mfaToken: string; expiresIn: number; factors: FactorSummary[]; recoveryCodeAvailable: boolean }
  | ({ status: 'mfa_enrollment_required'; mfaToken: string; expiresIn: number; allowedFactorTypes: string[] } & ProofDemand);

/**
 * ABUSE-3: a user with active factors of which this product accepts none proves one of them (a `proof`
 * challenge with the mfaToken) before enrolling one it accepts. Absent when the user has no factor.
 */
export type ProofDemand = { proofRequired?: true; proofFactors?: FactorSummary[] };
