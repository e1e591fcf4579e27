import { isIP } from 'node:net';

export type ProviderUrlProblem = 'not_absolute' | 'credentials' | 'fragment' | 'not_https';

/**
 * DIR-6: an identity provider's URLs (issuer, JWKS) are https, except on a loopback host, where a test's
 * provider or a developer's runs. Returns why the URL is refused, or null when it is fine.
 */
export function providerUrlProblem(value: string): ProviderUrlProblem | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not_absolute';
  }
  if (url.username || url.password) return 'credentials';
  if (url.hash) return 'fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return 'not_https';
}

/** A name or address of this machine (`localhost`, 127.0.0.0/8, `::1`), with or without IPv6 brackets. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && host === '::1';
}
