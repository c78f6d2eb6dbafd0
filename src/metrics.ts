import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The Prometheus metrics Frontdesk exports at /metrics. One registry per app, so tests can run several. With
 * `instance`, every series carries `frontdesk_instance` (not `instance`: Prometheus sets that to the scrape
 * target), so instances behind one load balancer stay apart in sums and alerts.
 */
export function createMetrics(labels: { instance?: string } = {}) {
  const registry = new Registry();
  if (labels.instance) registry.setDefaultLabels({ frontdesk_instance: labels.instance });
  collectDefaultMetrics({ register: registry });
  const metrics = {
    registry,
    inbound: new Counter({ name: 'frontdesk_inbound_messages_total', help: 'Inbound messages by channel and result', labelNames: ['channel', 'result'], registers: [registry] }),
    turns: new Counter({ name: 'frontdesk_turns_total', help: 'Turns decided, by outcome', labelNames: ['outcome'], registers: [registry] }),
    turnSeconds: new Histogram({ name: 'frontdesk_turn_seconds', help: 'Time to decide and commit one turn', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] }),
    ticketsOpened: new Counter({ name: 'frontdesk_tickets_opened_total', help: 'Tickets opened, by type and priority', labelNames: ['type', 'priority'], registers: [registry] }),
    outboxSent: new Counter({ name: 'frontdesk_outbox_sent_total', help: 'Deliveries sent, by channel', labelNames: ['channel'], registers: [registry] }),
    outboxFailures: new Counter({ name: 'frontdesk_outbox_failures_total', help: 'Failed delivery attempts, by channel and kind', labelNames: ['channel', 'kind'], registers: [registry] }),
    outboxPending: new Gauge({ name: 'frontdesk_outbox_pending', help: 'Deliveries waiting to be sent', registers: [registry] }),
    httpRequests: new Counter({ name: 'frontdesk_http_requests_total', help: 'HTTP requests by route status class', labelNames: ['status'], registers: [registry] }),
    openStreams: new Gauge({ name: 'frontdesk_open_streams', help: 'Server-sent event streams open now (web chat and console)', registers: [registry] }),
    streamRefusals: new Counter({ name: 'frontdesk_stream_refusals_total', help: 'Event streams refused, by reason (session, address, overall, unknown_session)', labelNames: ['reason'], registers: [registry] }),
    shed: new Counter({ name: 'frontdesk_shed_total', help: 'Inbound messages refused with 503 because the turn queue was full', labelNames: ['channel'], registers: [registry] }),
    loginThrottled: new Counter({ name: 'frontdesk_login_throttled_total', help: 'Console logins refused by the progressive delay', registers: [registry] }),
  };
  return metrics;
}

/** The app's metric set. */
export type Metrics = ReturnType<typeof createMetrics>;
