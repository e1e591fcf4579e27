import { signIn } from './factories';
import { RunningApp } from './harness';
import { paths } from './mfa';
import { SoftAuthenticator } from './soft-authenticator';
import { EnvOverrides } from './test-config';

/** The origin the test's pages would be on: PUBLIC_HOST is sitepass.test, the default RP ID. */
export const PASSKEY_ORIGIN = 'https://sitepass.test';

/** An app that offers passkeys (PASSKEY-1): they need the origins of the pages that run the ceremonies. */
export const PASSKEYS: EnvOverrides = { WEBAUTHN_ORIGINS: PASSKEY_ORIGIN };

/** A laptop's passkey store: a software authenticator on the test's origin. */
export function newAuthenticator(options: { synced?: boolean } = {}): SoftAuthenticator {
  return new SoftAuthenticator({ origin: PASSKEY_ORIGIN, backupEligible: options.synced ?? false });
}

/** Starts a passkey registration and answers it with the authenticator; the confirmation's response. */
export async function enrollPasskey(
  app: RunningApp,
  token: string,
  authenticator: SoftAuthenticator,
  extra: Record<string, unknown> = {},
  enrollments = paths(app).enrollments,
) {
  const started = await app.http.post(enrollments, { factorType: 'webauthn', ...extra }, { token });
  if (started.status !== 201) throw new Error(`passkey enrollment did not start: ${started.status} ${JSON.stringify(started.body)}`);
  const credential = authenticator.register(started.body.webauthn.publicKey);
  const confirmed = await app.http.post(`${enrollments}/${started.body.enrollmentId}/confirm`, { credential }, { token });
  return { started: started.body, confirmed };
}

/** Password, then a challenge for the passkey, answered by the authenticator: the verification's response. */
export async function signInWithPasskey(app: RunningApp, email: string, authenticator: SoftAuthenticator, factorId: string) {
  const first = await signIn(app, email);
  if (first.body.status !== 'mfa_required') throw new Error(`expected mfa_required: ${JSON.stringify(first.body)}`);
  const challenge = await app.http.post(paths(app).challenges, { factorId }, { token: first.body.mfaToken });
  if (challenge.status !== 201) throw new Error(`challenge not issued: ${challenge.status} ${JSON.stringify(challenge.body)}`);
  const credential = authenticator.authenticate(challenge.body.webauthn.publicKey);
  const verified = await app.http.post(
    `${paths(app).challenges}/${challenge.body.challengeId}/verify`,
    { credential },
    { token: first.body.mfaToken },
  );
  return { first: first.body, challenge: challenge.body, verified };
}

/** "Sign in with a passkey": a ceremony, answered by the authenticator's discoverable passkey. */
export async function passwordless(
  app: RunningApp,
  authenticator: SoftAuthenticator,
  overrides: Parameters<SoftAuthenticator['authenticate']>[1] = {},
) {
  const base = app.kind === 'pay' ? '/v1/pay/sessions' : '/v1/sessions';
  const ceremony = await app.http.post(`${base}/passkey-ceremonies`, {});
  if (ceremony.status !== 201) throw new Error(`no ceremony: ${ceremony.status} ${JSON.stringify(ceremony.body)}`);
  const credential = authenticator.authenticate(ceremony.body.publicKey, overrides);
  return {
    ceremony: ceremony.body,
    credential,
    answer: () => app.http.post(`${base}/passkey`, { ceremonyId: ceremony.body.ceremonyId, credential }),
  };
}

/** The session an access token belongs to, as the API reports it. */
export async function currentSession(app: RunningApp, accessToken: string): Promise<{ acr: string; amr: string[] }> {
  const base = app.kind === 'pay' ? '/v1/pay/sessions' : '/v1/sessions';
  return (await app.http.get(`${base}/current`, { token: accessToken })).body;
}

/** A passkey form of a page (libs/web's passkeyForm) as its script reads it: where it posts, its options and hidden fields. */
export interface PagePasskeyForm {
  action: string;
  ceremony: 'register' | 'authenticate';
  options: Record<string, unknown> & { challenge: string };
  hidden: Record<string, string>;
}

/** The page's passkey form, read out of its HTML as the browser would parse the escaped attributes; throws when there is none. */
export function passkeyFormOn(html: string): PagePasskeyForm {
  const form = /<form\b[^>]*\bdata-passkey="[^"]*"[^>]*>[\s\S]*?<\/form>/.exec(html)?.[0];
  if (!form) throw new Error(`no passkey form on the page:\n${html.slice(0, 500)}`);
  const unescape = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const attribute = (name: string) => unescape(new RegExp(`\\b${name}="([^"]*)"`).exec(form)![1]!);
  const hidden = Object.fromEntries(
    [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
      .filter(([, name]) => name !== '_csrf' && name !== 'credential')
      .map(([, name, value]) => [name!, unescape(value!)]),
  );
  return {
    action: attribute('action'),
    ceremony: attribute('data-passkey') as PagePasskeyForm['ceremony'],
    options: JSON.parse(attribute('data-passkey-options')),
    hidden,
  };
}
