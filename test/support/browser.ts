import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { RunningApp } from './harness';
import { decodeQrPng } from './totp';

/**
 * Browser tests (WEB-10): Debian's Chromium driven by playwright-core, against the real apps.
 *
 * - `useBrowser()` in a describe block launches one headless Chromium for the file (`CHROMIUM_PATH`, else
 *   /usr/bin/chromium) and closes it after the file; `newPage(app)` opens a page in a fresh context (its own
 *   cookies) with the app's origin as base URL, closed when the test ends. `{ javaScript: false }` is WEB-9's
 *   browser: plain HTML and form posts.
 * - `checkAccessibility(page)` (accessibility.ts) runs axe-core; `screenshot(page, name)` keeps docs/screenshots
 *   up to date under `npm run screenshots`; `readQrCode(page, selector)` reads a QR code off the screen.
 * - `usePagesStack(env, …)` (pages-stack.ts) runs the app with its pages, the worker, a local Twilio and an SMTP
 *   sink, on the file's test environment and fake clock.
 *
 * The browser talks to http://127.0.0.1:<port>: Chromium treats loopback as a secure context, so it keeps the
 * pages' `__Host-` Secure cookies there without TLS.
 *
 *     const env = useTestEnvironment();
 *     const stack = usePagesStack(env, { pages: { prefixes: ['/signin'] } });
 *     const browser = useBrowser();
 *     it('WEB-1 …', async () => {
 *       const page = await browser.newPage(stack.app);
 *       await page.goto('/signin');
 *       expect(await checkAccessibility(page)).toEqual([]);
 *     });
 */
export interface BrowserPages {
  /** A page in a new browser context, at the app's origin; closed with its context when the test ends. */
  newPage(app: RunningApp, options?: PageOptions): Promise<Page>;
}

export interface PageOptions {
  /** false: a browser with JavaScript off, for WEB-9. */
  javaScript?: boolean;
  /** The browser's time zone (IANA), as a person's computer sets it; the machine's otherwise. */
  timezoneId?: string;
  /** Where relative URLs go: the app's own address unless given (a passkeys stack's http://localhost:<port>). */
  baseURL?: string;
}

/** Where screenshots are taken (WEB-10): a laptop, and the narrowest phone WEB-8 names; pages open at the first. */
export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 320, height: 640 } } as const;

const contextsWithoutScripts = new WeakSet<BrowserContext>();

/** Whether the page's browser runs no script: axe-core needs to know (see accessibility.ts). */
export function scriptsAreOff(page: Page): boolean {
  return contextsWithoutScripts.has(page.context());
}

function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Registers the hooks: one Chromium for the file, a fresh context per page, every context closed after its test. */
export function useBrowser(): BrowserPages {
  let browser: Browser | undefined;
  const open: BrowserContext[] = [];
  beforeAll(async () => {
    const executablePath = chromiumPath();
    if (!existsSync(executablePath)) {
      throw new Error(`No Chromium at ${executablePath}: apt-get install chromium, or set CHROMIUM_PATH (README, "Run the tests")`);
    }
    browser = await chromium.launch({ executablePath, headless: true });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((context) => context.close()));
  });
  afterAll(() => browser?.close());
  return {
    async newPage(app, { javaScript = true, timezoneId, baseURL } = {}) {
      if (!browser) throw new Error('useBrowser() launches Chromium in beforeAll: open pages inside a test');
      const context = await browser.newContext({
        baseURL: baseURL ?? app.http.baseUrl,
        javaScriptEnabled: javaScript,
        viewport: VIEWPORTS.desktop,
        ...(timezoneId ? { timezoneId } : {}),
      });
      open.push(context);
      if (!javaScript) contextsWithoutScripts.add(context);
      return context.newPage();
    },
  };
}

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const SCREENSHOT_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * WEB-10's screenshots of the current page, `docs/screenshots/<name>-desktop.png` and `<name>-phone.png`, taken
 * only under `npm run screenshots` (SCREENSHOTS=1), so that `npm test` never rewrites the committed files.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS === '1') await captureScreenshots(page, name, SCREENSHOTS);
}

/** Full-page PNGs of the page at desktop and phone width, into `directory`; the page's viewport is put back after. */
export async function captureScreenshots(page: Page, name: string, directory: string): Promise<string[]> {
  if (!SCREENSHOT_NAME.test(name)) throw new Error(`Screenshot name "${name}" must be lowercase words joined by hyphens`);
  mkdirSync(directory, { recursive: true });
  const viewport = page.viewportSize() ?? VIEWPORTS.desktop;
  const paths: string[] = [];
  try {
    for (const [size, viewportSize] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewportSize);
      const path = join(directory, `${name}-${size}.png`);
      await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
      paths.push(path);
    }
  } finally {
    await page.setViewportSize(viewport);
  }
  return paths;
}

/**
 * The text of the QR code that `selector` (one element) shows, read from a screenshot of that element, as a
 * phone's camera would read the screen: a broken image, CSS that hides or crops it, or a code that does not
 * match the page's data fails here, where reading the image's URL would not.
 */
export async function readQrCode(page: Page, selector: string): Promise<string> {
  return decodeQrPng(await page.locator(selector).screenshot({ animations: 'disabled' }));
}

/** A credential as Chromium's virtual authenticator reports it (DevTools protocol, WebAuthn.Credential). */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

/** A virtual authenticator attached to one page: its credentials can be read, copied and changed. */
export interface VirtualAuthenticator {
  credentials(): Promise<VirtualCredential[]>;
  addCredential(credential: VirtualCredential): Promise<void>;
  /** Whether the next ceremonies pass user verification (a fingerprint that matches, or not). */
  setUserVerified(verified: boolean): Promise<void>;
}

/**
 * PASSKEY-6: Chromium's virtual authenticator on this page, through playwright-core's CDP session (DevTools
 * protocol, WebAuthn domain): a platform authenticator (internal transport) with resident keys and user
 * verification, which answers every ceremony at once as a person touching the sensor would.
 */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials as VirtualCredential[],
    addCredential: async (credential) => void (await cdp.send('WebAuthn.addCredential', { authenticatorId, credential })),
    setUserVerified: async (isUserVerified) => void (await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified })),
  };
}
