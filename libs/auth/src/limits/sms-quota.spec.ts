import { secondsUntilWindowEnds } from './fixed-window';
import { cooldownRetryAfter, SMS_COOLDOWN_SECONDS, smsCooldownKey, smsCounters, SmsRecipient } from './sms-quota';

const HOUR = 3600;
const DAY = 24 * HOUR;
const DAILY_CAP = 1000;
const at = (iso: string) => new Date(iso).getTime();
const hourOf = (iso: string) => Math.floor(at(iso) / (HOUR * 1000));
const dayOf = (iso: string) => Math.floor(at(iso) / (DAY * 1000));

function recipient(overrides: Partial<SmsRecipient> = {}): SmsRecipient {
  return { userId: 'user-1', phoneNumber: '+447700900123', country: 'GB', ip: '203.0.113.9', ...overrides };
}

/** The counters at `iso`, for a number whose keyed hash is `number-hash`. */
function countersAt(iso: string, overrides: Partial<SmsRecipient> = {}) {
  return smsCounters(recipient(overrides), 'number-hash', DAILY_CAP, at(iso));
}

describe('the SMS quotas', () => {
  it('SMS-5 an SMS counts against its user, its number and its client for the hour, and its country for the UTC day', () => {
    const now = '2026-03-02T10:20:00Z';
    expect(countersAt(now)).toEqual([
      { key: `sms:user:user-1:${hourOf(now)}`, limit: 5, windowSeconds: HOUR },
      { key: `sms:number:number-hash:${hourOf(now)}`, limit: 5, windowSeconds: HOUR },
      { key: `sms:ip:203.0.113.9:${hourOf(now)}`, limit: 20, windowSeconds: HOUR },
      { key: `sms:country:GB:${dayOf(now)}`, limit: DAILY_CAP, windowSeconds: DAY },
    ]);
  });

  it('SMS-5 the country cap is the configured one', () => {
    expect(smsCounters(recipient(), 'number-hash', 7, at('2026-03-02T10:20:00Z')).at(-1)).toMatchObject({ limit: 7 });
  });

  it('SMS-5 the number is counted by its hash, never its digits, and across every account that uses it', () => {
    const keys = [...countersAt('2026-03-02T10:20:00Z'), ...countersAt('2026-03-02T10:20:00Z', { userId: 'user-2' })].map((c) => c.key);
    expect(keys.join(' ')).not.toContain('7700900123');
    expect(countersAt('2026-03-02T10:20:00Z', { userId: 'user-2' })[1]!.key).toBe(countersAt('2026-03-02T10:20:00Z')[1]!.key);
    expect(countersAt('2026-03-02T10:20:00Z', { userId: 'user-2' })[0]!.key).not.toBe(countersAt('2026-03-02T10:20:00Z')[0]!.key);
  });

  it('SMS-5 ABUSE-10 every address of one IPv6 /64 is one client; another /64 is another', () => {
    const ipKey = (ip: string) => countersAt('2026-03-02T10:20:00Z', { ip })[2]!.key;
    expect(ipKey('2001:db8:7:9::1')).toBe(`sms:ip:2001:db8:7:9::/64:${hourOf('2026-03-02T10:20:00Z')}`);
    expect(ipKey('2001:0db8:0007:0009:ffff:1:2:3')).toBe(ipKey('2001:db8:7:9::1'));
    expect(ipKey('2001:db8:7:a::1')).not.toBe(ipKey('2001:db8:7:9::1'));
    expect(ipKey('::ffff:203.0.113.9')).toBe(ipKey('203.0.113.9'));
  });

  it('SMS-5 a send without a client address has no per-IP counter', () => {
    expect(countersAt('2026-03-02T10:20:00Z', { ip: null }).map((c) => c.key.split(':')[1])).toEqual(['user', 'number', 'country']);
  });

  it('SMS-5 the hourly counters start afresh at the top of the hour, the country’s only at 00:00 UTC', () => {
    const keys = (iso: string) => countersAt(iso).map((counter) => counter.key);
    // Whether each counter (user, number, client, country) is still the same one.
    const kept = (before: string, after: string) => keys(after).map((key, index) => key === keys(before)[index]);
    expect(kept('2026-03-02T10:00:00.000Z', '2026-03-02T10:59:59.999Z')).toEqual([true, true, true, true]);
    expect(kept('2026-03-02T10:59:59.999Z', '2026-03-02T11:00:00.000Z')).toEqual([false, false, false, true]);
    expect(kept('2026-03-02T00:00:00.000Z', '2026-03-02T23:59:59.999Z')[3]).toBe(true);
    expect(kept('2026-03-02T23:59:59.999Z', '2026-03-03T00:00:00.000Z')).toEqual([false, false, false, false]);
  });

  it('SMS-5 a spent hourly counter is retried at the top of the hour, a spent country cap at 00:00 UTC', () => {
    const now = '2026-03-02T22:45:30.000Z';
    const [user, , , country] = countersAt(now);
    expect(secondsUntilWindowEnds(at(now), user!.windowSeconds)).toBe(14 * 60 + 30);
    expect(secondsUntilWindowEnds(at(now), country!.windowSeconds)).toBe(HOUR + 14 * 60 + 30);
  });

  it('SMS-5 the resend cooldown is one per number, whoever asks', () => {
    expect(smsCooldownKey('number-hash')).toBe('sms:cooldown:number-hash');
    expect(smsCooldownKey('other-hash')).not.toBe(smsCooldownKey('number-hash'));
  });

  it('SMS-5 a resend within 30 s waits out the rest of the 30 s, rounded up to whole seconds', () => {
    const sent = at('2026-03-02T10:20:00.000Z');
    expect(SMS_COOLDOWN_SECONDS).toBe(30);
    expect(cooldownRetryAfter(sent, sent)).toBe(30);
    expect(cooldownRetryAfter(sent, sent + 1)).toBe(30);
    expect(cooldownRetryAfter(sent, sent + 10_000)).toBe(20);
    expect(cooldownRetryAfter(sent, sent + 10_001)).toBe(20);
    expect(cooldownRetryAfter(sent, sent + 28_999)).toBe(2);
  });

  it('SMS-5 the cooldown’s Retry-After is never below 1', () => {
    const sent = at('2026-03-02T10:20:00.000Z');
    expect(cooldownRetryAfter(sent, sent + 29_999)).toBe(1);
    expect(cooldownRetryAfter(sent, sent + 30_000)).toBe(1);
    expect(cooldownRetryAfter(sent, sent + 90_000)).toBe(1);
  });
});
