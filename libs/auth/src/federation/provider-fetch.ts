/** A provider that does not answer within this long counts as unreachable. */
export const PROVIDER_FETCH_TIMEOUT_MS = 5000;

/**
 * GETs a JSON document an identity provider publishes (its JWKS, its OpenID configuration): no redirect
 * followed (the URL was checked, where it leads was not), a timeout, and a cap on the size read. Throws a
 * plain Error for any failure; the caller says what could not be fetched.
 */
export async function fetchProviderJson(url: string, maxBytes: number): Promise<unknown> {
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(PROVIDER_FETCH_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = await response.text();
  if (body.length > maxBytes) throw new Error('too large');
  return JSON.parse(body) as unknown;
}
