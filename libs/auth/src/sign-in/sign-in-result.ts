import { FactorType } from '../factors/factor.entity';
import { FactorSummary } from '../factors/factor-summary';
import { IssuedTokens } from '../sessions/session.service';

export type Authenticated = { status: 'authenticated'; deviceToken?: string; recoveryCode?: string; reenrollmentRecommended?: boolean } & IssuedTokens;

/** LOGIN-1: the three answers of the password step. */
export type SignInResult =
  | Authenticated
  | { status: 'mfa_required'; mfaToken: string; expiresIn: number; factors: FactorSummary[]; recoveryCodeAvailable: boolean }
  | { status: 'mfa_enrollment_required'; mfaToken: string; expiresIn: number; allowedFactorTypes: FactorType[] };
