import { createHmac } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/**
 * An authenticator app, written from RFC 6238 and RFC 4648 alone: it shares no code with the server
 * (which uses otplib), so a test that passes proves interoperability, not agreement with itself.
 */
export function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
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

export function totpCode(secretBase32: string, at: Date, stepOffset = 0): string {
  const counter = Math.floor(at.getTime() / 1000 / 30) + stepOffset;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', base32Decode(secretBase32)).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return binary.toString().padStart(6, '0');
}

/** Reads a QR code out of a PNG data URL, as a phone camera would. */
export function decodeQrDataUrl(dataUrl: string): string {
  return decodeQrPng(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
}

/** Reads a QR code out of a PNG image: a data URL's bytes, or a browser's screenshot of the page. */
export function decodeQrPng(bytes: Buffer): string {
  const png = PNG.sync.read(bytes);
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!decoded) throw new Error('no QR code found in the image');
  return decoded.data;
}

export interface OtpAuth {
  issuer: string;
  account: string;
  secret: string;
  params: URLSearchParams;
}

export function parseOtpAuthUri(uri: string): OtpAuth {
  const url = new URL(uri);
  if (url.protocol !== 'otpauth:' || url.host !== 'totp') throw new Error(`not a TOTP URI: ${uri}`);
  const [issuer, account] = decodeURIComponent(url.pathname.slice(1)).split(':');
  return { issuer: issuer!, account: account!, secret: url.searchParams.get('secret')!, params: url.searchParams };
}
