/**
 * Migration 26: the Bot Connector address (serviceUrl) Teams last sent for each tenant, team and channel, so
 * proactive posts (the agents' channel) use it after a restart instead of the global address.
 * `place` is `tenant:<id>`, `place:<team or channel id>`, or `latest` (the last one seen).
 */
export const migration026 = {
  version: 26,
  name: 'teams service urls',
  sql: `
CREATE TABLE teams_service_urls (
  place TEXT PRIMARY KEY,
  service_url TEXT NOT NULL,
  learnt_at TEXT NOT NULL
);
`,
};
