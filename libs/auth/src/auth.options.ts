import { Audience } from '@sitepass/database';

export const AUTH_OPTIONS = Symbol('AuthOptions');

export interface AuthOptions {
  /** The product this app serves: the `aud` its tokens carry and the only one it accepts (SES-8). */
  audience: Audience;
}
