import { LimitRule, limitWindow } from './rate-limiter';

const at = (iso: string) => new Date(iso).getTime();
const accountRule: LimitRule = { key: 'login-failures:account-hash', limit: 10, windowSeconds: 900 };

describe('the rate limiter’s windows', () => {
  it('SEC-5 a rule counts in one Redis key per window: the rule’s key and the window index', () => {
    const { key } = limitWindow(accountRule, at('2026-03-02T10:15:00.000Z'));
    expect(key).toBe(`rl:login-failures:account-hash:${Math.floor(at('2026-03-02T10:15:00.000Z') / 900_000)}`);
    expect(limitWindow(accountRule, at('2026-03-02T10:29:59.999Z')).key).toBe(key);
    expect(limitWindow(accountRule, at('2026-03-02T10:30:00.000Z')).key).not.toBe(key);
  });

  it('SEC-5 each rule counts apart: the account’s and the client’s counters are different keys in the same window', () => {
    const now = at('2026-03-02T10:20:00Z');
    const client: LimitRule = { key: 'login-attempts:ip:203.0.113.9', limit: 100, windowSeconds: 900 };
    expect(limitWindow(client, now).key).toBe(
      limitWindow(accountRule, now).key.replace('login-failures:account-hash', 'login-attempts:ip:203.0.113.9'),
    );
    expect(limitWindow(client, now).key).not.toBe(limitWindow(accountRule, now).key);
  });

  it('SEC-5 a refused attempt is told to come back when the window ends, at least 1 s later', () => {
    expect(limitWindow(accountRule, at('2026-03-02T10:15:00.000Z')).retryAfterSeconds).toBe(900);
    expect(limitWindow(accountRule, at('2026-03-02T10:20:00.500Z')).retryAfterSeconds).toBe(600);
    expect(limitWindow(accountRule, at('2026-03-02T10:29:59.999Z')).retryAfterSeconds).toBe(1);
  });
});
