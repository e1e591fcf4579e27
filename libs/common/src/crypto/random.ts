import { randomBytes, randomInt } from 'node:crypto';

/** An opaque bearer token: 256 bits from the CSPRNG, base64url (SES-4, SES-6). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A numeric one-time code from the CSPRNG, uniformly distributed, with leading zeros kept (SMS-2). */
export function randomDigits(length: number): string {
  let code = '';
  for (let index = 0; index < length; index += 1) code += randomInt(10).toString();
  return code;
}
