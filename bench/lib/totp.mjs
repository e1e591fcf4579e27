import { createHmac } from 'node:crypto';

/** RFC 4648 base32, as authenticator apps read the secret of an otpauth:// URI. */
export function base32Decode(input) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const bytes = [];
  for (const character of input.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(character);
    if (index < 0) throw new Error(`not base32: ${character}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export const currentStep = (atMs = Date.now()) => Math.floor(atMs / 1000 / 30);

/** RFC 6238 with SHA-1, 6 digits, 30 s: the code an authenticator app shows for `step`. */
export function totpCode(key, step) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', key).update(message).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  return ((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

export function secretOfUri(otpauthUri) {
  return new URL(otpauthUri).searchParams.get('secret');
}
