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
