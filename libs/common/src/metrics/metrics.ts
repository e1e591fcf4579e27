import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry and every metric the service publishes (OPS-1). One instance per
 * process, provided by CommonModule; tests that boot several apps in one process get one registry each.
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

  readonly emailDeliveries = new Counter({
    name: 'sitepass_email_deliveries_total',
    help: 'Email delivery attempts by outcome',
    labelNames: ['template', 'outcome'],
    registers: [this.registry],
  });

  constructor(process: string) {
    this.registry.setDefaultLabels({ process });
    collectDefaultMetrics({ register: this.registry });
  }
}
