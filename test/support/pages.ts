import { PASSWORD } from './factories';
import { FakeClock } from './fake-clock';
import { AuthenticatorApp } from './mfa';
import { PageClient } from './page-client';

/**
 * Opens a page for signed-in people the way a person following a link does without a page session: the page
 * sends them to the product's sign-in, they give the password and the app's code (choosing the app if they have
 * several methods), and the sign-in brings them back. The clock then moves a time step, so that the next code
 * they type is a new one (TOTP-4). Returns the browser, its page session started.
 */
export async function signInOnTheWay(
  browser: PageClient,
  path: string,
  user: { email: string; app: AuthenticatorApp; factorId: string },
  clock: FakeClock,
): Promise<PageClient> {
  const base = path.startsWith('/pay/') ? '/pay' : '';
  const toSignIn = await browser.get(path);
  if (toSignIn.status !== 303 || toSignIn.location !== `${base}/signin?next=${encodeURIComponent(path)}`) {
    throw new Error(`expected the sign-in first, got ${toSignIn.status} ${toSignIn.location}`);
  }
  await browser.follow(toSignIn);
  const verify = await browser.follow(await browser.submit(`${base}/signin`, { email: user.email, password: PASSWORD }));
  if (verify.html.includes('name="factorId"')) {
    await browser.follow(await browser.submit(`${base}/signin/verify/start`, { factorId: user.factorId }));
  }
  const signedIn = await browser.submit(`${base}/signin/verify`, { code: user.app.code() });
  if (signedIn.status !== 303 || signedIn.location !== path) throw new Error(`not sent back: ${signedIn.status} ${signedIn.location}`);
  clock.advance(30);
  return browser;
}
