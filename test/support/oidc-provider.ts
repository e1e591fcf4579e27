import { createHmac, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
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

/**
 * A local OpenID Connect provider for PAY-11's tests: it publishes its keys at `jwksUri` (a JWKS server
 * with keys made by the test), signs ID tokens on the fake clock's time, rotates keys, and counts how
 * often Sitepass fetched its keys. Its issuer is its own loopback URL, as DIR-6 allows for tests.
 */
export class TestIdentityProvider {
  readonly clientId = 'sitepass-pay';
  issuer = '';
  jwksFetches = 0;
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
      if (request.url !== '/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      this.jwksFetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: this.published.map((key) => key.publicJwk) }));
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

  /** The settings the internal API takes for this provider (DIR-6). */
  get settings() {
    return { issuer: this.issuer, clientId: this.clientId, jwksUri: this.jwksUri };
  }
}
