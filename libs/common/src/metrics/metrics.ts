import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry and every metric the service publishes (OPS-1). One instance per
 * process, provided by CommonModule; tests that boot several apps in one process get one registry each.
 *
 * Node's default metrics (`process_*`, `nodejs_*`) are the process's, not an app's: its entry point adds them
 * once with `collectProcessMetrics`. prom-client cannot stop them (its event-loop histogram and GC observer
 * live until the process exits, prometheus/client_js#494 and #500), so an app booted and closed in a
 * process that lives on, as the tests do by the hundred, must not start them.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly signIns = new Counter({
    name: 'sitepass_sign_ins_total',
    help: 'Password sign-in outcomes',
    labelNames: ['audience', 'outcome'],
    registers: [this.registry],
  });

  readonly mfaVerifications = new Counter({
    name: 'sitepass_mfa_verifications_total',
    help: 'MFA verification outcomes by factor type',
    labelNames: ['factor', 'outcome'],
    registers: [this.registry],
  });

  readonly smsQueueDepth = new Gauge({
    name: 'sitepass_sms_queue_depth',
    help: 'SMS jobs waiting, delayed or active in the queue',
    registers: [this.registry],
  });

  readonly smsDeliveryLatency = new Histogram({
    name: 'sitepass_sms_delivery_latency_seconds',
    help: 'Time from accepting an SMS request to the provider accepting the message',
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  readonly smsDeliveries = new Counter({
    name: 'sitepass_sms_deliveries_total',
    help: 'SMS delivery attempts by provider and outcome',
    labelNames: ['provider', 'outcome', 'status'],
    registers: [this.registry],
  });

  /** SMS-12: code SMS accepted for sending, by destination country and SMS-10 prefix (`+1415`). */
  readonly smsSends = new Counter({
    name: 'sitepass_sms_sends_total',
    help: 'SMS codes accepted for sending, by destination country and prefix',
    labelNames: ['country', 'prefix'],
    registers: [this.registry],
  });

  /** SMS-12: SMS codes verified; with sitepass_sms_sends_total, the conversion of a country or prefix. */
  readonly smsVerifications = new Counter({
    name: 'sitepass_sms_verifications_total',
    help: 'SMS codes verified, by destination country and prefix',
    labelNames: ['country', 'prefix'],
    registers: [this.registry],
  });

  /** SMS refused before sending: `prefix_blocked` (SMS-10), `backoff` (SMS-11), `cooldown` and `quota` (SMS-5). */
  readonly smsRefusals = new Counter({
    name: 'sitepass_sms_refusals_total',
    help: 'SMS requests refused before sending, by reason',
    labelNames: ['reason', 'country'],
    registers: [this.registry],
  });

  /** SMS-10: prefixes this process saw become blocked, and released by an operator. */
  readonly smsPrefixBlockChanges = new Counter({
    name: 'sitepass_sms_prefix_block_changes_total',
    help: 'SMS prefix blocks started (action="blocked") and released (action="released")',
    labelNames: ['action', 'country', 'prefix'],
    registers: [this.registry],
  });

  /** Where the blocked-prefix gauge reads the blocks at each scrape: set by the service that keeps them (SMS-10). */
  blockedPrefixes: () => Promise<Array<{ country: string; prefix: string }>> = async () => [];

  /**
   * SMS-10: 1 for each prefix blocked now. The blocks live in Redis and every instance reports them all,
   * so dashboards take the max over instances.
   */
  readonly smsPrefixBlocked: Gauge<'country' | 'prefix'> = new Gauge({
    name: 'sitepass_sms_prefix_blocked',
    help: 'SMS prefixes blocked now (1 per prefix), as every instance sees them in Redis',
    labelNames: ['country', 'prefix'],
    registers: [this.registry],
    collect: async () => {
      const blocks = await this.blockedPrefixes().catch(() => []);
      this.smsPrefixBlocked.reset();
      for (const { country, prefix } of blocks) this.smsPrefixBlocked.set({ country, prefix }, 1);
    },
  });

  readonly emailDeliveries = new Counter({
    name: 'sitepass_email_deliveries_total',
    help: 'Email delivery attempts by outcome',
    labelNames: ['template', 'outcome'],
    registers: [this.registry],
  });

  constructor(process: string) {
    this.registry.setDefaultLabels({ process });
  }

  /** Adds Node's default metrics to the registry; once per process, from its entry point. */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }
}
