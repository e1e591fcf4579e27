/** The products a token is for; a token of one is refused by the other (SES-8). */
export type Audience = 'standard' | 'pay';

export type Acr = 'aal1' | 'aal2';

/** RFC 8176 authentication method references: password, authenticator app, SMS, recovery code. */
export type Amr = 'pwd' | 'otp' | 'sms' | 'rc';

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
