/** An Alertmanager 0.25 notification as it posts it (webhook version 4). */
export const AM_BODY = {
  receiver: 'frontdesk', status: 'firing', version: '4', groupKey: '{}:{service="payroll"}', truncatedAlerts: 0,
  externalURL: 'http://am:9093', groupLabels: { service: 'payroll' }, commonLabels: { service: 'payroll', severity: 'critical' },
  commonAnnotations: { summary: 'Payroll web app answers 503' },
  alerts: [{
    status: 'firing', labels: { alertname: 'PayrollDown', service: 'payroll', severity: 'critical' }, annotations: { summary: 'Payroll web app answers 503' },
    startsAt: '2026-12-06T06:00:00Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prom/graph', fingerprint: 'c0ffee01',
  }],
};

/** Grafana alerting's webhook contact point body (version "1"). */
export const GRAFANA_BODY = {
  receiver: 'frontdesk', status: 'firing', orgId: 1, version: '1', groupKey: '{}/{}:{alertname="Mail queue"}', truncatedAlerts: 0,
  groupLabels: { alertname: 'Mail queue' }, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://grafana:3000/',
  title: '[FIRING:1] Mail queue', state: 'alerting', message: '**Firing**',
  alerts: [{
    status: 'firing', labels: { alertname: 'Mail queue', service: 'mail', severity: 'critical', grafana_folder: 'IT' },
    annotations: { summary: 'Outbound mail queue above 5000' }, startsAt: '2026-12-06T06:00:00Z', endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://grafana/alerting/grafana/x/view', fingerprint: '6a0e4b0f3e4e1a53', silenceURL: 'http://grafana/x', dashboardURL: '', panelURL: '',
    values: { B: 5123 }, valueString: "[ var='B' value=5123 ]",
  }],
};
