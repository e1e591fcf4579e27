import { Inject, Injectable } from '@nestjs/common';
import { Clock, KeyedHasher, Metrics, RedisClient } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { DomainError } from '../errors/domain.error';
import { prefixOf } from '../factor-types/sms/phone-number';
import { secondsUntilWindowEnds } from './fixed-window';
import { historyOf, minuteOf, prefixKeys, SmsPrefixGuard } from './sms-prefix-guard';
import {
  cooldownRetryAfter,
  secondsUntilReady,
  SMS_COOLDOWN_SECONDS,
  smsCooldownKey,
  SmsCounter,
  smsCounters,
  SmsRecipient,
} from './sms-quota';

/** SMS-11: after 3 SMS to a user within 10 minutes, each further SMS waits twice the previous wait, from 1 to 32 minutes. */
export const BACKOFF = {
  /** The script keeps a user's last two SMS: with this one, three within this window start the backoff. */
  burstWindowMs: 10 * 60_000,
  firstWaitMs: 60_000,
  longestWaitMs: 32 * 60_000,
  /** An hour without SMS forgets the user's backoff. */
  resetAfterMs: 60 * 60_000,
};

/** A code SMS counts as a send for SMS-10's conversion; a test message (SMS-8) has no code to verify. */
export type SmsPurpose = 'code' | 'test_message';

/** The fixed keys of the admission script; SMS-5's counters follow from KEYS[10]. */
const FIXED_KEYS = 9;

/**
 * One atomic step for every SMS Sitepass is asked to send, so that parallel requests on any instance
 * see each other's effects.
 *
 * KEYS: 1 the number's cooldown, 2 the user's backoff, 3 the prefix's window, 4 the blocks, 5 the prefix's
 * history this week, 6..9 the 4 weeks before, 10.. SMS-5's counters.
 * ARGV: see `argv` below; then a limit and a ttl per counter.
 *
 * In order: a blocked prefix is refused, unless its window shows normal traffic again (then the block
 * lifts); a prefix whose traffic is pumping becomes blocked (SMS-10); then the number's cooldown, the
 * user's backoff (SMS-11) and SMS-5's counters. Only an SMS that passes everything is counted anywhere,
 * so refused requests never spend a user's, a number's or a country's quota.
 *
 * Answers `{'sent', released}`, `{'prefix_blocked', new, sends, verified, usual}`, `{'cooldown', lastSentMs}`,
 * `{'backoff', readyAtMs}` or `{'quota', counter}`.
 */
const ADMIT = `
local now, minute, sendsCode = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == '1'
local prefix, country, hourOfWeek = ARGV[4], ARGV[5], ARGV[6]
local windowMinutes, minSends, factor, minConversion = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local cooldownMs, burstMs = tonumber(ARGV[11]), tonumber(ARGV[12])
local firstWaitMs, longestWaitMs, resetMs = tonumber(ARGV[13]), tonumber(ARGV[14]), tonumber(ARGV[15])
local counterArgs = 15
local windowTtl = windowMinutes * 120

-- SMS-10: the prefix's window (sent, verified, refused while blocked), forgetting minutes that left it.
local tally = { s = 0, v = 0, r = 0 }
local fields = redis.call('HGETALL', KEYS[3])
for i = 1, #fields, 2 do
  local kind, at = string.match(fields[i], '^(%a):(%d+)$')
  if tonumber(at) <= minute - windowMinutes then redis.call('HDEL', KEYS[3], fields[i])
  else tally[kind] = tally[kind] + tonumber(fields[i + 1]) end
end
local usual = 0
for i = 6, 9 do usual = usual + tonumber(redis.call('HGET', KEYS[i], hourOfWeek) or '0') end
usual = usual / 4 * windowMinutes / 60
local function pumping(volume, verified)
  return volume >= minSends and volume > factor * usual and verified < minConversion * volume
end
local function refuse(new, volume)
  redis.call('HINCRBY', KEYS[3], 'r:' .. minute, 1)
  redis.call('EXPIRE', KEYS[3], windowTtl)
  return { 'prefix_blocked', new, volume, tally.v, tostring(usual) }
end

local released = 0
if redis.call('HEXISTS', KEYS[4], prefix) == 1 then
  -- While blocked, refused requests count as traffic that did not convert: the block holds while they go on.
  if pumping(tally.s + tally.r, tally.v) then return refuse(0, tally.s + tally.r) end
  redis.call('HDEL', KEYS[4], prefix)
  released = 1
elseif sendsCode and pumping(tally.s, tally.v) then
  redis.call('HSET', KEYS[4], prefix, cjson.encode({ since = now, sends = tally.s, verified = tally.v, usual = usual, country = country }))
  return refuse(1, tally.s)
end

-- SMS-5: the number's cooldown.
local last = redis.call('GET', KEYS[1])
if last and now - tonumber(last) < cooldownMs then return { 'cooldown', tonumber(last) } end

-- SMS-11: the user's backoff: the last SMS, the one before it, and the wait the next one must keep.
local b = redis.call('HMGET', KEYS[2], 'last', 'previous', 'wait')
local lastSent, previous, wait = tonumber(b[1]), tonumber(b[2]), tonumber(b[3]) or 0
if lastSent and now - lastSent >= resetMs then lastSent, previous, wait = nil, nil, 0 end
if lastSent and now < lastSent + wait then return { 'backoff', lastSent + wait } end

-- SMS-5: the counters.
for i = FIXED + 1, #KEYS do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  if count >= tonumber(ARGV[counterArgs + (i - FIXED) * 2 - 1]) then return { 'quota', i - FIXED } end
end

-- Admitted: count it everywhere.
redis.call('SET', KEYS[1], now, 'EX', 3600)
local nextWait = 0
if wait > 0 then nextWait = math.min(wait * 2, longestWaitMs)
elseif previous and now - previous < burstMs then nextWait = firstWaitMs end
redis.call('HSET', KEYS[2], 'last', now, 'previous', lastSent or '', 'wait', nextWait)
redis.call('PEXPIRE', KEYS[2], resetMs)
for i = FIXED + 1, #KEYS do
  redis.call('INCR', KEYS[i])
  redis.call('EXPIRE', KEYS[i], ARGV[counterArgs + (i - FIXED) * 2])
end
if sendsCode then
  redis.call('HINCRBY', KEYS[3], 's:' .. minute, 1)
  redis.call('EXPIRE', KEYS[3], windowTtl)
  redis.call('HINCRBY', KEYS[5], hourOfWeek, 1)
  redis.call('EXPIRE', KEYS[5], 36 * 24 * 3600)
end
return { 'sent', released }`.replaceAll('FIXED', String(FIXED_KEYS));

type Verdict =
  ['sent', number] | ['prefix_blocked', number, number, number, string] | ['cooldown', number] | ['backoff', number] | ['quota', number];

/**
 * Every SMS Sitepass is asked to send passes here first: SMS-10's prefix guard, SMS-5's cooldown and
 * quotas, SMS-11's per-user backoff, all in Redis so every instance shares them, in one script so that
 * parallel requests cannot slip between a check and its count.
 */
@Injectable()
export class SmsGate {
  constructor(
    private readonly redis: RedisClient,
    private readonly hasher: KeyedHasher,
    private readonly prefixGuard: SmsPrefixGuard,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: SitepassConfig,
  ) {}

  async admit(recipient: SmsRecipient, purpose: SmsPurpose = 'code'): Promise<void> {
    const now = this.clock.now().getTime();
    const { prefixGuard: guard, dailyCapPerCountry } = this.config.sms;
    const number = this.hasher.hash('sms-quota', recipient.phoneNumber);
    const prefix = prefixOf(recipient.phoneNumber);
    const { hourOfWeek, weekKeys } = historyOf(prefix, now);
    const counters = smsCounters(recipient, number, dailyCapPerCountry, now);
    const keys = [smsCooldownKey(number), `sms:backoff:${recipient.userId}`, prefixKeys.window(prefix), prefixKeys.blocks, ...weekKeys];
    const argv = [
      now,
      minuteOf(now),
      purpose === 'code' ? 1 : 0,
      prefix,
      recipient.country,
      hourOfWeek,
      guard.windowMinutes,
      guard.minSends,
      guard.baselineFactor,
      guard.minConversion,
      SMS_COOLDOWN_SECONDS * 1000,
      BACKOFF.burstWindowMs,
      BACKOFF.firstWaitMs,
      BACKOFF.longestWaitMs,
      BACKOFF.resetAfterMs,
    ];
    const verdict = (await this.redis.eval(
      ADMIT,
      keys.length + counters.length,
      ...keys,
      ...counters.map((counter) => counter.key),
      ...argv,
      ...counters.flatMap((counter) => [counter.limit, counter.windowSeconds * 2]),
    )) as Verdict;
    await this.conclude(verdict, { prefix, country: recipient.country, purpose, now, counters });
  }

  private async conclude(
    verdict: Verdict,
    context: { prefix: string; country: string; purpose: SmsPurpose; now: number; counters: SmsCounter[] },
  ): Promise<void> {
    const { prefix, country } = context;
    const refused = (reason: string) => this.metrics.smsRefusals.inc({ reason, country });
    switch (verdict[0]) {
      case 'sent':
        if (verdict[1] === 1) await this.prefixGuard.recordReleased(prefix, country, 'traffic_normal');
        if (context.purpose === 'code') this.metrics.smsSends.inc({ country, prefix });
        return;
      case 'prefix_blocked': {
        refused('prefix_blocked');
        const [, isNew, sends, verified, usual] = verdict;
        if (isNew === 1) await this.prefixGuard.recordBlocked(prefix, country, { sends, verified, usualVolume: Number(usual) });
        // The block lasts at least until the window shows normal traffic again; the user has other ways meanwhile.
        const retryAfterSeconds = this.config.sms.prefixGuard.windowMinutes * 60;
        throw DomainError.of('error.sms_temporarily_unavailable', { prefix }, { retryAfterSeconds });
      }
      case 'cooldown':
      case 'backoff': {
        refused(verdict[0]);
        const cooldown = verdict[0] === 'cooldown';
        const retryAfterSeconds = cooldown ? cooldownRetryAfter(verdict[1], context.now) : secondsUntilReady(verdict[1], context.now);
        const key = cooldown ? 'error.resend_too_soon' : 'error.resend_too_soon.backoff';
        throw DomainError.of(key, { retryAfterSeconds }, { retryAfterSeconds });
      }
      case 'quota': {
        refused('quota');
        const retryAfterSeconds = secondsUntilWindowEnds(context.now, context.counters[verdict[1] - 1]!.windowSeconds);
        throw DomainError.of('error.sms_quota_exceeded', { retryAfterSeconds }, { retryAfterSeconds });
      }
    }
  }
}
