import { SetMetadata } from '@nestjs/common';

/**
 * How a route authenticates. Routes need an access token unless they say otherwise, so a route that
 * forgets to choose is closed, not open.
 */
export type AuthMode = 'public' | 'access' | 'service' | 'mfa' | 'mfa-or-access';

export const AUTH_MODE = 'sitepass:auth-mode';

/** No authentication: health, metrics, JWKS, docs, password sign-in, refresh. */
export const Public = () => SetMetadata(AUTH_MODE, 'public' satisfies AuthMode);

/** The platform's own back end, with the internal service token (DIR-4). */
export const ServiceAuth = () => SetMetadata(AUTH_MODE, 'service' satisfies AuthMode);

/** Only the mfaToken of a pending sign-in (recovery-code redemption inside a sign-in). */
export const MfaTokenAuth = () => SetMetadata(AUTH_MODE, 'mfa' satisfies AuthMode);

/** The mfaToken of a pending sign-in or an access token: challenges and enrollments (LOGIN-3, LOGIN-4). */
export const MfaTokenOrAccessAuth = () => SetMetadata(AUTH_MODE, 'mfa-or-access' satisfies AuthMode);
