import path from 'node:path';
import { loadAlertsFile } from '../../src/alerts/alert-rules';
import { ConfigError } from '../../src/errors';

describe('ALERTS_RULES_FILE', () => {
  test('the documented example is a valid rules file', () => {
    const file = loadAlertsFile(path.join(__dirname, '..', '..', 'docs', 'alerts-rules.example.json'));
    expect(file.rules.map((r) => r.name)).toEqual(['office-network', 'critical-service']);
    expect(Object.keys(file.generic)).toEqual(['uptime-kuma', 'zabbix']);
  });

  test('a missing or broken file stops start-up with a ConfigError naming it', () => {
    expect(() => loadAlertsFile('/nonexistent/rules.json')).toThrow(ConfigError);
    expect(() => loadAlertsFile(__filename)).toThrow(/ALERTS_RULES_FILE .*example-rules.test.ts/);
  });
});

describe('start-up with a broken rules file', () => {
  test('createApp stops with the ConfigError before taking the database', async () => {
    const { startAlertApp } = await import('./helpers/alert-app');
    await expect(startAlertApp({}, {}, { rules: [{ name: 'x', broadcast: { by: 'floor' } }] })).rejects.toThrow(/ALERTS_RULES_FILE .*rules\.0\.broadcast\.by/);
  });
});
