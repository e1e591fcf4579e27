import { SetMetadata } from '@nestjs/common';

/**
 * How a route authenticates. Routes need an access token unless they say otherwise, so a route that
 * forgets to choose is closed, not open.
 */
export type AuthMode = 'public' | 'access' | 'service';

export const AUTH_MODE = 'sitepass:auth-mode';

/** No authentication: health, metrics, JWKS, docs, password sign-in, refresh. */
export const Public = () => SetMetadata(AUTH_MODE, 'public' satisfies AuthMode);

/** The platform's own back end, with the internal service token (DIR-4). */
export const ServiceAuth = () => SetMetadata(AUTH_MODE, 'service' satisfies AuthMode);
