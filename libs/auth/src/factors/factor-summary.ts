import { Factor } from '@sitepass/database';

export interface FactorSummary {
  id: string;
  type: string;
  /** SMS only: enough of the number to recognise it, not enough to use it. */
  maskedPhoneNumber?: string;
  /** Passkeys: the name its user gave it (PASSKEY-2). */
  name?: string;
}

/** "+14155550123" → "+1******0123". */
export function maskPhoneNumber(e164: string): string {
  const visibleStart = e164.startsWith('+1') ? 2 : 3;
  return `${e164.slice(0, visibleStart)}${'*'.repeat(Math.max(0, e164.length - visibleStart - 4))}${e164.slice(-4)}`;
}

export function summarizeFactor(factor: Factor): FactorSummary {
  return {
    id: factor.id,
    type: factor.type,
    ...(factor.phoneNumber ? { maskedPhoneNumber: maskPhoneNumber(factor.phoneNumber) } : {}),
    ...(factor.name ? { name: factor.name } : {}),
  };
}
