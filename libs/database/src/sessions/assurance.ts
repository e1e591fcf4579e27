/** The products a token is for; a token of one is refused by the other (SES-8). */
export type Audience = 'standard' | 'pay';

/** Authentication assurance: password only, or password and a factor (SES-2). */
export type Acr = 'aal1' | 'aal2';

/**
 * RFC 8176 authentication method references: password, authenticator app, SMS, recovery code, `fed` for a
 * sign-in whose first step was the company's identity provider (PAY-11), and a passkey (PASSKEY-3): `hwk`
 * for a key bound to one device, `swk` for one synced between devices, with `mfa` when its user
 * verification (a fingerprint, a PIN) made it a sign-in of its own.
 */
export type Amr = 'pwd' | 'otp' | 'sms' | 'rc' | 'fed' | 'hwk' | 'swk' | 'mfa';

/** How the first step of a sign-in was proven: a password here, or an ID token of the company's provider. */
export type FirstFactor = Extract<Amr, 'pwd' | 'fed'>;
