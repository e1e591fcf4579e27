import { Acr, Amr, Audience } from '@sitepass/database';

/** The claims of an access token (SES-2). Times are seconds since the epoch. */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: Audience;
  iat: number;
  exp: number;
  jti: string;
  sid: string;
  acr: Acr;
  amr: Amr[];
  auth_time: number;
  /** When MFA was last proven in this session; absent in an aal1 session. */
  mfa_time?: number;
}

/** Who an authenticated request speaks for, as the access token and the session say. */
export interface Principal {
  userId: string;
  sessionId: string;
  audience: Audience;
  acr: Acr;
  amr: Amr[];
  authTime: Date;
  mfaTime: Date | null;
}
