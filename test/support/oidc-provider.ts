import { createHmac, randomUUID } from 'node:crypto';
import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { base64url, exportJWK, generateKeyPair, JWK, SignJWT } from 'jose';
import { FakeClock } from './fake-clock';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

interface SigningKey {
  kid: string;
  privateKey: PrivateKey;
  publicJwk: JWK;
}

export interface IdTokenOptions {
  /** Claims to add or replace (`undefined` removes one). */
  claims?: Record<string, unknown>;
  /** Sign with this key instead of the current one (a key the provider does not publish: a forgery). */
  key?: SigningKey;
  /** The `kid` header, if not the key's own. */
  kid?: string;
}

/** A form as an HTML page holds it: where it posts, and its fields. */
export interface HtmlForm {
  action: string;
  fields: Record<string, string>;
}

/**
 * A local OpenID Connect provider for PAY-11's tests: it publishes its keys at `jwksUri` (a JWKS server
 * with keys made by the test), signs ID tokens on the fake clock's time, rotates keys, and counts how
 * often Sitepass fetched its keys. Its issuer is its own loopback URL, as DIR-6 allows for tests.
 *
 * For the hosted sign-in it also serves its discovery document and an authorization endpoint that answers
 * as a provider does with `response_mode=form_post`: an HTML page whose form posts the ID token and the
 * state to the redirect_uri (OAuth 2.0 Form Post Response Mode), for whoever the test signed in here.
 */
export class TestIdentityProvider {
  readonly clientId = 'sitepass-pay';
  issuer = '';
  jwksFetches = 0;
  discoveryFetches = 0;
  /** The person signed in at the provider; nobody means the provider answers `error=login_required`. */
  signedInEmail: string | undefined;
  /** Every authorization request the provider received, as its URL. */
  readonly authorizationRequests: URL[] = [];
  private server: Server | null = null;
  private published: SigningKey[] = [];
  private current!: SigningKey;

  constructor(private readonly clock: FakeClock) {}

  /** The key id the provider signs with now. */
  get currentKid(): string {
    return this.current.kid;
  }

  get jwksUri(): string {
    return `${this.issuer}/jwks.json`;
  }

  async start(): Promise<this> {
    this.current = await TestIdentityProvider.newKey();
    this.published = [this.current];
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', this.issuer);
      if (url.pathname === '/jwks.json') {
        this.jwksFetches += 1;
        return json(response, { keys: this.published.map((key) => key.publicJwk) });
      }
      if (url.pathname === '/.well-known/openid-configuration') {
        this.discoveryFetches += 1;
        return json(response, this.discoveryDocument);
      }
      if (url.pathname === '/authorize' && request.method === 'GET') {
        this.authorize(url).then(
          (page) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page),
          () => response.writeHead(500).end(),
        );
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** An RS256 key pair, as most providers sign with. */
  static async newKey(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomUUID();
    return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  }

  /** Key rotation: a new key signs from now on, and the old one is no longer published. */
  async rotate(): Promise<void> {
    this.current = await TestIdentityProvider.newKey();
    this.published = [this.current];
  }

  /** A signed ID token for this email, valid now by the fake clock, for Sitepass's client id. */
  async idToken(email: string, nonce: string, options: IdTokenOptions = {}): Promise<string> {
    const key = options.key ?? this.current;
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      aud: this.clientId,
      sub: `idp-${email}`,
      email,
      email_verified: true,
      nonce,
      iat: now,
      exp: now + 300,
      ...options.claims,
    };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: options.kid ?? key.kid, typ: 'JWT' }).sign(key.privateKey);
  }

  /** The same claims with `alg: none` and no signature. */
  async unsignedToken(email: string, nonce: string): Promise<string> {
    const [, payload] = (await this.idToken(email, nonce)).split('.');
    return `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
  }

  /** HS256 "signed" with the provider's public key as the secret: the classic algorithm-confusion forgery. */
  async hmacWithPublicKey(email: string, nonce: string): Promise<string> {
    const [, payload] = (await this.idToken(email, nonce)).split('.');
    const header = base64url.encode(JSON.stringify({ alg: 'HS256', kid: this.current.kid, typ: 'JWT' }));
    const secret = JSON.stringify(this.current.publicJwk);
    const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  }

  /** OpenID Connect Discovery 1.0: what Sitepass reads to find the authorization endpoint. */
  get discoveryDocument() {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/authorize`,
      jwks_uri: this.jwksUri,
      response_types_supported: ['id_token'],
      response_modes_supported: ['form_post'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  /** The provider's answer to an authorization request: the auto-submitting form_post page, to the redirect_uri. */
  private async authorize(url: URL): Promise<string> {
    this.authorizationRequests.push(url);
    const parameters = url.searchParams;
    const fields: Record<string, string> = this.signedInEmail
      ? { id_token: await this.idToken(this.signedInEmail, parameters.get('nonce') ?? '') }
      : { error: 'login_required' };
    if (parameters.has('state')) fields.state = parameters.get('state')!;
    const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`);
    return `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escape(
      parameters.get('redirect_uri') ?? '',
    )}">${inputs.join('')}<noscript><button type="submit">Continue</button></noscript></form></body></html>`;
  }

  /** The settings the internal API takes for this provider (DIR-6). */
  get settings() {
    return { issuer: this.issuer, clientId: this.clientId, jwksUri: this.jwksUri };
  }
}

function json(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The first form of an HTML page, as a browser would submit it: its action and its hidden fields. */
export function parseForm(html: string): HtmlForm {
  const unescape = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&amp;/g, '&');
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form in the page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    fields[unescape(match[1]!)] = unescape(match[2]!);
  return { action: unescape(action), fields };
}
