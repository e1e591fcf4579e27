import { Principal } from '../tokens/access-token';
import { PendingSignIn } from '@sitepass/database';

/**
 * Who is calling an MFA endpoint: a sign-in whose password step passed (mfaToken), or a signed-in
 * session (access token). Both are scoped to one user; nothing reaches another user's data (SEC-3).
 */
export type Caller =
  { kind: 'sign_in'; userId: string; pendingSignIn: PendingSignIn } | { kind: 'session'; userId: string; principal: Principal };
