import { Injectable } from '@nestjs/common';
import { randomToken } from '@sitepass/common';
import * as argon2 from 'argon2';

/** OWASP's argon2id floor, which SES-1 asks for: 19 MiB of memory, 2 passes, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * argon2id hashing (SES-1). The work runs on libuv's thread pool, off the event loop. An unknown user
 * is checked against a dummy hash so that the answer takes as long as for a real one.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (hash === null) {
      this.dummyHash ??= this.hash(randomToken());
      await argon2.verify(await this.dummyHash, password);
      return false;
    }
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
