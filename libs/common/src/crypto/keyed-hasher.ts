import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA-256 under the server's pepper. Codes and tokens are stored only as these hashes (SEC-1):
 * a database dump alone cannot confirm a guessed 6-digit code. The purpose is part of the input, so a
 * hash made for one kind of secret can never match another kind.
 */
export class KeyedHasher {
  constructor(private readonly pepper: Buffer) {}

  hash(purpose: string, value: string): string {
    return createHmac('sha256', this.pepper).update(`${purpose}\u0000${value}`).digest('base64url');
  }

  matches(purpose: string, value: string, expectedHash: string): boolean {
    const actual = Buffer.from(this.hash(purpose, value));
    const expected = Buffer.from(expectedHash);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}

/** Constant-time comparison of two strings of any length (DIR-4 service token). */
export function constantTimeEquals(a: string, b: string): boolean {
  const left = createHmac('sha256', 'compare').update(a).digest();
  const right = createHmac('sha256', 'compare').update(b).digest();
  return timingSafeEqual(left, right);
}
