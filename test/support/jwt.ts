import { createHmac, createPrivateKey, sign } from 'node:crypto';

/** Hand-made JWTs for attacks: any header, any claims, any signature (SES-8). */
export function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeJwt(token: string): { header: Record<string, any>; claims: Record<string, any> } {
  const [header, claims] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims!, 'base64url').toString()),
  };
}

export function unsignedJwt(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  return `${encodeSegment(header)}.${encodeSegment(claims)}.`;
}

export function hs256Jwt(header: Record<string, unknown>, claims: Record<string, unknown>, secret: string): string {
  const input = `${encodeSegment({ ...header, alg: 'HS256' })}.${encodeSegment(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export function es256Jwt(header: Record<string, unknown>, claims: Record<string, unknown>, privateKeyPem: string): string {
  const input = `${encodeSegment({ ...header, alg: 'ES256' })}.${encodeSegment(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key: createPrivateKey(privateKeyPem), dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}
