import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { createHash, createPrivateKey, createPublicKey, JsonWebKey, KeyObject } from 'node:crypto';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** Parsed once: jsonwebtoken would parse a PEM again on every verification. */
  publicKey: KeyObject;
  jwk: JsonWebKey;
}

/**
 * The ES256 keys from JWT_SIGNING_KEYS (SES-2, SES-3). The newest signs; every configured key verifies
 * and is published in the JWKS, so a new key can be added first and the old one removed later.
 * The kid is the RFC 7638 thumbprint of the public key: stable, and never configured by hand.
 */
@Injectable()
export class SigningKeys {
  readonly keys: SigningKey[];

  constructor(@Inject(CONFIG) config: SitepassConfig) {
    this.keys = config.jwt.signingKeys.map((pem) => {
      const privateKey = createPrivateKey(pem);
      const publicKey = createPublicKey(privateKey);
      const jwk = publicKey.export({ format: 'jwk' });
      return { kid: thumbprint(jwk), privateKey, publicKey, jwk };
    });
  }

  get current(): SigningKey {
    return this.keys[0]!;
  }

  findByKid(kid: string): SigningKey | undefined {
    return this.keys.find((key) => key.kid === kid);
  }

  /** The JWK Set published at /.well-known/jwks.json. */
  jwks(): { keys: JsonWebKey[] } {
    return { keys: this.keys.map(({ kid, jwk }) => ({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid, alg: 'ES256', use: 'sig' })) };
  }
}

function thumbprint(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}
