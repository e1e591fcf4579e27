import { createHash, randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { checkAccessibility } from './accessibility';
import { screenshot } from './browser';
import { EnvOverrides } from './test-config';

/** Waits for the page a navigation brought, by its one heading. */
export function heading(page: Page, name: string): Promise<void> {
  return page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

/** Every page a flow shows passes axe (WEB-8), and is where the committed screenshots are taken (WEB-10). */
export async function checkPage(page: Page, name: string): Promise<void> {
  expect({ page: name, violations: await checkAccessibility(page) }).toEqual({ page: name, violations: [] });
  await screenshot(page, name);
}

/**
 * A product's back end on a port of its own, where the page flows hand back with a code (WEB-2). Call before
 * usePagesStack and pass it `overrides`: the stack's app then lists this return URL in WEB_RETURN_URLS.
 */
export function useProductBackEnd(): { overrides: EnvOverrides; readonly returnUrl: string } {
  let product: Server;
  const overrides: EnvOverrides = {};
  beforeAll(async () => {
    product = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('product'));
    await new Promise<void>((resolve) => product.listen(0, '127.0.0.1', resolve));
    overrides.WEB_RETURN_URLS = `http://127.0.0.1:${(product.address() as AddressInfo).port}/callback`;
  });
  afterAll(() => new Promise((resolve) => product.close(resolve)));
  return {
    overrides,
    get returnUrl() {
      return overrides.WEB_RETURN_URLS!;
    },
  };
}

/**
 * WEB-2: a product's link into a page flow (the sign-in, Pay's step-up) with a new PKCE pair: the link carries
 * the challenge, and the verifier stays with the product's back end for the exchange.
 */
export function productLink(path: string, returnUrl: string, params: Record<string, string>): { link: string; codeVerifier: string } {
  const codeVerifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    ...params,
    return_to: returnUrl,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  return { link: `${path}?${query}`, codeVerifier };
}

/** WEB-2: the browser back at the product's back end: the code it brings, once its `state` is the link's. */
export async function codeAtProduct(page: Page, state: string): Promise<string> {
  await page.waitForURL((url) => url.pathname === '/callback');
  const back = new URL(page.url());
  expect(back.searchParams.get('state')).toBe(state);
  return back.searchParams.get('code')!;
}
