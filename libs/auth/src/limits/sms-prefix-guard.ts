import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock, Metrics, RedisClient } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { AuditEventRepository } from '@sitepass/database';
import { DomainError } from '../errors/domain.error';
import { countryOf, prefixOf } from '../factor-types/sms/phone-number';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const WEEK_HOURS = 7 * 24;
/** The usual volume of an hour of the week is its mean over this many earlier weeks. */
export const BASELINE_WEEKS = 4;

/** Where one prefix's traffic is kept (SMS-10): its sliding window, its hourly history, and every block. */
export const prefixKeys = {
  /** A hash of per-minute counts: `s:<minute>` SMS sent, `v:<minute>` codes verified, `r:<minute>` refused while blocked. */
  window: (prefix: string) => `sms:prefix-window:${prefix}`,
  /** A hash per prefix and week: hour of the week → SMS sent. */
  week: (prefix: string, week: number) => `sms:prefix-history:${prefix}:${week}`,
  /** One hash for all prefixes: prefix → the block's facts (JSON). */
  blocks: 'sms:prefix-blocks',
};

/** The hour of the week `nowMs` falls in and the keys of that week and the BASELINE_WEEKS before it, newest first. */
export function historyOf(prefix: string, nowMs: number): { hourOfWeek: number; weekKeys: string[] } {
  const hour = Math.floor(nowMs / HOUR_MS);
  const week = Math.floor(hour / WEEK_HOURS);
  return {
    hourOfWeek: hour % WEEK_HOURS,
    weekKeys: Array.from({ length: BASELINE_WEEKS + 1 }, (_, weeksAgo) => prefixKeys.week(prefix, week - weeksAgo)),
  };
}

export function minuteOf(nowMs: number): number {
  return Math.floor(nowMs / MINUTE_MS);
}

/** SMS-10: a prefix as an operator writes it in a URL: `+1415`, `%2B1415` or `1415`. */
export function normalizePrefix(input: string): string | null {
  const digits = input.trim().replace(/^\+/, '');
  return /^\d{2,7}$/.test(digits) ? `+${digits}` : null;
}

/** A prefix blocked now, as the blocks hash keeps it and the internal API shows it. */
export interface PrefixBlock {
  prefix: string;
  country: string;
  /** When the block began. */
  since: string;
  /** The window's SMS sent and codes verified when it began, and the usual volume it was compared with. */
  sends: number;
  verified: number;
  usualVolume: number;
}

interface StoredBlock {
  since: number;
  sends: number;
  verified: number;
  usual: number;
  country: string;
}

/** Adds one verification to a prefix's current minute; the window's hash lives twice the window. */
const COUNT_VERIFICATION = `
redis.call('HINCRBY', KEYS[1], 'v:' .. ARGV[1], 1)
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`;

/** Drops a block and starts the prefix's window afresh; returns the block's facts, or nothing if there was none. */
const RELEASE = `
local block = redis.call('HGET', KEYS[1], ARGV[1])
if block then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('DEL', KEYS[2])
end
return block`;

/**
 * SMS-10's blocks as operators and the MFA step see them: the codes verified per prefix (what makes
 * traffic look legitimate), the blocks' audit events and metrics, the list, and an operator's release.
 * Deciding to block happens inside SmsGate's admission script, so that parallel requests agree.
 */
@Injectable()
export class SmsPrefixGuard implements OnModuleInit {
  private readonly logger = new Logger(SmsPrefixGuard.name);

  constructor(
    private readonly redis: RedisClient,
    private readonly audit: AuditEventRepository,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: SitepassConfig,
  ) {}

  /** SMS-12: the blocked-prefix gauge reads the shared blocks at each scrape, so every instance reports them all. */
  onModuleInit(): void {
    this.metrics.blockedPrefixes = () => this.list();
  }

  /**
   * A code sent to `phoneNumber` was verified: the prefix's traffic converts. Counted after the verification
   * committed; a Redis failure here must not undo a sign-in, so it is logged instead.
   */
  async countVerification(phoneNumber: string): Promise<void> {
    const prefix = prefixOf(phoneNumber);
    this.metrics.smsVerifications.inc({ country: countryOf(phoneNumber), prefix });
    const ttlSeconds = this.config.sms.prefixGuard.windowMinutes * 120;
    await this.redis
      .eval(COUNT_VERIFICATION, 1, prefixKeys.window(prefix), minuteOf(this.clock.now().getTime()), ttlSeconds)
      .catch((error: Error) => this.logger.warn(`SMS verification not counted for ${prefix}: ${error.message}`));
  }

  async list(): Promise<PrefixBlock[]> {
    const stored = await this.redis.hgetall(prefixKeys.blocks);
    return Object.entries(stored)
      .map(([prefix, json]) => {
        const block = JSON.parse(json) as StoredBlock;
        return {
          prefix,
          country: block.country,
          since: new Date(block.since).toISOString(),
          sends: block.sends,
          verified: block.verified,
          usualVolume: Math.round(block.usual * 100) / 100,
        };
      })
      .sort((a, b) => a.prefix.localeCompare(b.prefix));
  }

  /** An operator lifts a block (`DELETE /internal/v1/sms-prefix-blocks/{prefix}`); the prefix's window starts afresh. */
  async release(input: string): Promise<void> {
    const prefix = normalizePrefix(input);
    if (!prefix) throw DomainError.of('error.not_found.sms_prefix_block');
    const released = (await this.redis.eval(RELEASE, 2, prefixKeys.blocks, prefixKeys.window(prefix), prefix)) as string | null;
    if (!released) throw DomainError.of('error.not_found.sms_prefix_block');
    await this.recordReleased(prefix, (JSON.parse(released) as StoredBlock).country, 'operator');
  }

  async recordBlocked(prefix: string, country: string, facts: { sends: number; verified: number; usualVolume: number }): Promise<void> {
    this.metrics.smsPrefixBlockChanges.inc({ action: 'blocked', country, prefix });
    this.logger.warn(`SMS prefix ${prefix} blocked: ${facts.sends} sent, ${facts.verified} verified in the window`);
    await this.audit.record({
      type: 'sms.prefix_blocked',
      data: { prefix, country, ...facts, windowMinutes: this.config.sms.prefixGuard.windowMinutes },
    });
  }

  async recordReleased(prefix: string, country: string, reason: 'operator' | 'traffic_normal'): Promise<void> {
    this.metrics.smsPrefixBlockChanges.inc({ action: 'released', country, prefix });
    this.logger.log(`SMS prefix ${prefix} released (${reason})`);
    await this.audit.record({ type: 'sms.prefix_released', data: { prefix, country, reason } });
  }
}
