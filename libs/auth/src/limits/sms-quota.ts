import { Inject, Injectable } from '@nestjs/common';
import { clientNetwork, Clock, KeyedHasher, RedisClient } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { DomainError } from '../errors/domain.error';
import { secondsUntilWindowEnds, windowIndex } from './fixed-window';

/** SMS-5. */
export const SMS_COOLDOWN_SECONDS = 30;
const HOUR = 3600;
const DAY = 24 * HOUR;
const PER_USER_PER_HOUR = 5;
const PER_NUMBER_PER_HOUR = 5;
const PER_IP_PER_HOUR = 20;

/**
 * One atomic step: refuse during the number's cooldown, refuse when any counter is spent, otherwise
 * start a new cooldown and count the SMS everywhere. Windows are chosen by the caller's clock (so tests
 * move time); Redis expiry only cleans up.
 * KEYS[1] cooldown, KEYS[2..n] counters; ARGV: now, cooldown, then limit and ttl per counter.
 * Returns 0 (admitted), -last (cooldown; last send in ms) or the 1-based index of the spent counter.
 */
const ADMIT = `
local last = redis.call('GET', KEYS[1])
if last and tonumber(ARGV[1]) - tonumber(last) < tonumber(ARGV[2]) then return -tonumber(last) end
for i = 2, #KEYS do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  if count >= tonumber(ARGV[i * 2 - 1]) then return i - 1 end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', 3600)
for i = 2, #KEYS do
  redis.call('INCR', KEYS[i])
  redis.call('EXPIRE', KEYS[i], ARGV[i * 2])
end
return 0`;

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

/** Seconds until the cooldown that began with the last send (`lastSentMs`) is over: rounded up, never below 1. */
export function cooldownRetryAfter(lastSentMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((lastSentMs + SMS_COOLDOWN_SECONDS * 1000 - nowMs) / 1000));
}

/**
 * SMS-pumping defence (SMS-5): a 30 s cooldown per number, and per-hour caps per user, per number and per
 * client IP, and a daily cap per destination country, in Redis so that every instance shares them.
 */
@Injectable()
export class SmsQuota {
  constructor(
    private readonly redis: RedisClient,
    private readonly hasher: KeyedHasher,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: SitepassConfig,
  ) {}

  async admit(recipient: SmsRecipient): Promise<void> {
    const now = this.clock.now().getTime();
    const number = this.hasher.hash('sms-quota', recipient.phoneNumber);
    const counters = smsCounters(recipient, number, this.config.sms.dailyCapPerCountry, now);
    const keys = [smsCooldownKey(number), ...counters.map((counter) => counter.key)];
    const args = [now, SMS_COOLDOWN_SECONDS * 1000, ...counters.flatMap((counter) => [counter.limit, counter.windowSeconds * 2])];
    const verdict = Number(await this.redis.eval(ADMIT, keys.length, ...keys, ...args));
    if (verdict < 0) {
      const retryAfter = cooldownRetryAfter(-verdict, now);
      throw DomainError.of('error.resend_too_soon', { retryAfterSeconds: retryAfter }, { retryAfterSeconds: retryAfter });
    }
    if (verdict > 0) {
      // The script answers with the 1-based index of the spent counter.
      const retryAfter = secondsUntilWindowEnds(now, counters[verdict - 1]!.windowSeconds);
      throw DomainError.of('error.sms_quota_exceeded', { retryAfterSeconds: retryAfter }, { retryAfterSeconds: retryAfter });
    }
  }
}
