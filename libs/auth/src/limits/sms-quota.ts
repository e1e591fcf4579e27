import { clientNetwork } from '@sitepass/common';
import { windowIndex } from './fixed-window';

/** SMS-5. */
export const SMS_COOLDOWN_SECONDS = 30;
const HOUR = 3600;
const DAY = 24 * HOUR;
const PER_USER_PER_HOUR = 5;
const PER_NUMBER_PER_HOUR = 5;
const PER_IP_PER_HOUR = 20;

export interface SmsRecipient {
  userId: string;
  phoneNumber: string;
  country: string;
  ip: string | null;
}

/** One SMS-5 counter in the window of the moment: its Redis key (window index included), its limit and window. */
export interface SmsCounter {
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * The counters one SMS to `recipient` counts against at `nowMs` (SMS-5): per user, per number and per
 * client an hour, per destination country a day. The number is keyed by its keyed hash, so Redis holds no
 * phone numbers; an IPv6 client is its /64 (ABUSE-10); a send with no client IP has no per-IP counter.
 */
export function smsCounters(recipient: SmsRecipient, numberHash: string, dailyCapPerCountry: number, nowMs: number): SmsCounter[] {
  const counters = [
    { name: `sms:user:${recipient.userId}`, limit: PER_USER_PER_HOUR, windowSeconds: HOUR },
    { name: `sms:number:${numberHash}`, limit: PER_NUMBER_PER_HOUR, windowSeconds: HOUR },
    ...(recipient.ip ? [{ name: `sms:ip:${clientNetwork(recipient.ip)}`, limit: PER_IP_PER_HOUR, windowSeconds: HOUR }] : []),
    { name: `sms:country:${recipient.country}`, limit: dailyCapPerCountry, windowSeconds: DAY },
  ];
  return counters.map(({ name, limit, windowSeconds }) => ({ key: `${name}:${windowIndex(nowMs, windowSeconds)}`, limit, windowSeconds }));
}

/** The number's resend cooldown key: one per number, whoever asks (SMS-5). */
export function smsCooldownKey(numberHash: string): string {
  return `sms:cooldown:${numberHash}`;
}

/** Whole seconds from `nowMs` until `readyAtMs`, for `Retry-After`: rounded up, never below 1. */
export function secondsUntilReady(readyAtMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((readyAtMs - nowMs) / 1000));
}

/** Seconds until the cooldown that began with the last send (`lastSentMs`) is over: rounded up, never below 1. */
export function cooldownRetryAfter(lastSentMs: number, nowMs: number): number {
  return secondsUntilReady(lastSentMs + SMS_COOLDOWN_SECONDS * 1000, nowMs);
}
