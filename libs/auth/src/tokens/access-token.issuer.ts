import { Inject, Injectable } from '@nestjs/common';
import { Clock, epochSeconds } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import * as jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { AccessTokenClaims } from './access-token';
import { SigningKeys } from './signing-keys';
import { Acr, Amr, Audience } from '@sitepass/database';

export interface TokenSubject {
  userId: string;
  sessionId: string;
  audience: Audience;
  acr: Acr;
  amr: Amr[];
  authTime: Date;
  mfaTime: Date | null;
}

/** Signs ES256 access tokens with the newest key and its kid in the header (SES-2). */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    @Inject(CONFIG) private readonly config: SitepassConfig,
    private readonly keys: SigningKeys,
    private readonly clock: Clock,
  ) {}

  get lifetimeSeconds(): number {
    return this.config.jwt.accessTokenTtlSeconds;
  }

  issue(subject: TokenSubject): string {
    const now = epochSeconds(this.clock.now());
    const claims: AccessTokenClaims = {
      iss: this.config.jwt.issuer,
      sub: subject.userId,
      aud: subject.audience,
      iat: now,
      exp: now + this.lifetimeSeconds,
      jti: randomUUID(),
      sid: subject.sessionId,
      acr: subject.acr,
      amr: subject.amr,
      auth_time: epochSeconds(subject.authTime),
      ...(subject.mfaTime ? { mfa_time: epochSeconds(subject.mfaTime) } : {}),
    };
    const key = this.keys.current;
    return jwt.sign(claims, key.privateKey, { algorithm: 'ES256', keyid: key.kid });
  }
}
