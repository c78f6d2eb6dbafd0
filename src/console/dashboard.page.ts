import type { Broadcast, BroadcastProgress } from '../broadcast/broadcast-types';
import { AGE_BUCKETS, DIMENSIONS, type KpiReport } from '../kpi/report';
import type { SeriesPoint } from '../kpi/series';
import { metricColumns } from '../kpi/format-report';
import { ChannelName } from '../types/conversation';
import { Category } from '../types/ticket';
import type { KbHealth } from '../kb/gaps/kb-health';
import { barChart, esc, lineChart } from './dashboard-charts';
import { kbGapsSection, scrollBox } from './dashboard-kb';
import { agentsSection } from './dashboard-agents';
import type { AgentFigures } from '../kpi/agent-figures';

/** Everything the dashboard page shows. */
export type DashboardData = {
  report: KpiReport;
  series: SeriesPoint[];
  broadcasts: (Broadcast & { progress: BroadcastProgress })[];
  agentName: string;
  /** Unanswered topics, poorly rated and stale articles (absent when the article folder cannot be read). */
  kbHealth?: KbHealth;
  /** Per-agent figures with the agents' names (absent in older callers). */
  agents?: (AgentFigures & { name: string })[];
  /** Notices for admins (a disabled webhook subscription), shown above everything. */
  alerts?: string[];
};

const STYLE = `
  * { box-sizing: border-box; }
  body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; background: #f3f4f6; color: #111827; font-size: 14px; }
  header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 10px 16px; background: #1f2937; color: #fff; }
  header h1 { font-size: 1.05rem; margin: 0; flex: 1 1 auto; }
  header a { color: #bfdbfe; }
  main { padding: 8px 18px 24px; }
  section { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
  h2 { font-size: 1rem; margin: 4px 0 10px; }
  .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; }
  .tile { border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px; }
  .tile .v { font-size: 1.35rem; font-weight: 700; } .tile .k { color: #4b5563; font-size: .8rem; }
  .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 570px), 1fr)); gap: 10px; }
  .charts figure { margin: 0; min-width: 0; } svg.chart { max-width: 100%; height: auto; }
  .scroll { max-width: 100%; overflow-x: auto; }
  @media (max-width: 760px) { main { padding: 4px 8px 16px; } section { padding: 8px; } .tiles { grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); } } figcaption { font-weight: 600; margin-bottom: 4px; }
  table { border-collapse: collapse; font-size: .82rem; margin-bottom: 10px; }
  th, td { border-bottom: 1px solid #e5e7eb; padding: 3px 8px; text-align: right; } th:first-child, td:first-child { text-align: left; }
  form.inline { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
  label { display: block; font-weight: 600; margin: 4px 0 2px; }
  input, textarea, select, button { font: inherit; }
  textarea, input[type=text] { width: 100%; padding: 6px; border: 1px solid #9ca3af; border-radius: 6px; }
  button { border: 1px solid #1d4ed8; background: #2563eb; color: #fff; border-radius: 6px; padding: 6px 12px; cursor: pointer; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .status { color: #b91c1c; min-height: 1.2em; margin: 4px 0; }
  .meta { color: #4b5563; font-size: .82rem; }
  th.l, td.l, td.examples { text-align: left; } td.examples ul { margin: 0; padding-left: 16px; }
  fieldset { border: 0; padding: 0; margin: 6px 0; } legend { font-weight: 600; }
`;

const num = (v: number | null, suffix = '', digits = 1) => (v === null ? '–' : `${Number.isInteger(v) ? v : v.toFixed(digits)}${suffix}`);
const day = (iso: string) => iso.slice(5, 10);

function tiles(r: KpiReport): string {
  const o = r.overall;
  const items: [string, string][] = [
    ['Tickets opened', num(o.opened)], ['Tickets closed', num(o.closed)],
    ['First response, median', num(o.firstResponse.medianMinutes, ' min')], ['First response, p90', num(o.firstResponse.p90Minutes, ' min')],
    ['Hand-off to tier-2, median', num(o.handoff.medianMinutes, ' min')], ['Response SLA met', num(o.slaResponse.metPct, '%')],
    ['Resolution SLA met', num(o.slaResolution.metPct, '%')], ['Self-service (KB) resolution', num(o.selfService.ratePct, '%')],
    ['Deflection', num(o.selfService.deflectionPct, '%')], ['First-contact resolution', num(o.firstContact.ratePct, '%')],
    ['Reopen rate', num(o.reopen.ratePct, '%')], ['CSAT average', num(o.csat.average, ' / 5', 2)],
    ['CSAT response rate', num(o.csat.responseRatePct, '%')], ['Self-service answers, CSAT', num(o.selfService.csatAverage, ' / 5', 2)],
    ['Backlog now', num(r.backlog.total)],
    ['Users notified', num(r.notifications.users)], ['Major incidents', r.majorIncidents === null ? 'n/a' : num(r.majorIncidents.length)],
  ];
  return `<div class="tiles">${items.map(([k, v]) => `<div class="tile"><div class="v">${esc(v)}</div><div class="k">${esc(k)}</div></div>`).join('')}</div>`;
}

function charts(r: KpiReport, s: SeriesPoint[]): string {
  const labels = s.map((p) => day(p.start));
  const xLabel = s.length > 1 && Date.parse(s[1].start) - Date.parse(s[0].start) > 86_400_000 ? 'Week starting (UTC)' : 'Day (UTC)';
  const priorities = Object.keys(r.backlog.byPriority);
  const colors = ['#16a34a', '#facc15', '#ea580c', '#b91c1c'];
  const figures = [
    ['Ticket volume', barChart({ id: 'chart-volume', title: 'Tickets opened and closed', labels, xLabel, yLabel: 'Tickets', series: [
      { name: 'Opened', values: s.map((p) => p.opened), color: '#2563eb' }, { name: 'Closed', values: s.map((p) => p.closed), color: '#9ca3af' }] })],
    ['SLA compliance', lineChart({ id: 'chart-sla', title: 'SLA met, % of tickets opened', labels, xLabel, yLabel: '% met', yMax: 100, series: [
      { name: 'Response', values: s.map((p) => p.slaResponsePct), color: '#2563eb' }, { name: 'Resolution', values: s.map((p) => p.slaResolutionPct), color: '#ea580c' }] })],
    ['CSAT trend', lineChart({ id: 'chart-csat', title: 'Average satisfaction of closed tickets (1-5)', labels, xLabel, yLabel: 'CSAT', yMin: 0, yMax: 5, series: [
      { name: 'CSAT average', values: s.map((p) => p.csatAverage), color: '#7c3aed' }] })],
    ['Deflection', lineChart({ id: 'chart-deflection', title: 'Tickets solved by the knowledge base, % of opened', labels, xLabel, yLabel: '% deflected', yMax: 100, series: [
      { name: 'Deflection', values: s.map((p) => p.deflectionPct), color: '#16a34a' }] })],
    ['Backlog by priority', barChart({ id: 'chart-backlog', title: 'Open tickets now, by priority and age', labels: priorities, xLabel: 'Priority', yLabel: 'Open tickets',
      series: AGE_BUCKETS.map((a, i) => ({ name: `Age ${a}`, values: priorities.map((p) => r.backlog.byPriority[p][a]), color: colors[i] })) }, 'stacked')],
  ];
  return `<div class="charts">${figures.map(([caption, svg]) => `<figure><figcaption>${esc(caption)}</figcaption>${svg}</figure>`).join('')}</div>`;
}

/** A breakdown row's name, linked to the queue filtered to its tickets where the queue has that filter (priority, group). */
function drillDown(d: (typeof DIMENSIONS)[number], slice: string): string {
  if ((d !== 'priority' && d !== 'group') || slice === '(none)' || !slice) return esc(slice);
  return `<a href="/console?${esc(new URLSearchParams({ status: 'all', [d]: slice }).toString())}">${esc(slice)}</a>`;
}

function breakdownTables(r: KpiReport): string {
  const header = Object.keys(metricColumns(r.overall));
  return DIMENSIONS.map((d) => {
    const rows = Object.entries(r.breakdown[d]).map(([slice, m]) => `<tr><td>${drillDown(d, slice)}</td>${Object.values(metricColumns(m)).map((v) => `<td>${v === null ? '–' : v}</td>`).join('')}</tr>`);
    return scrollBox(`By ${d}`, `<table><caption class="meta">By ${esc(d)}</caption><thead><tr><th scope="col">${esc(d)}</th>${header.map((h) => `<th scope="col">${esc(h.replace(/_/g, ' '))}</th>`).join('')}</tr></thead><tbody>${rows.join('') || '<tr><td>no tickets</td></tr>'}</tbody></table>`);
  }).join('');
}

function kbLists(r: KpiReport): string {
  const list = (items: KpiReport['kb']['top']) => (items.length ? `<ol>${items.map((a) => `<li>${esc(a.id)} <span class="meta">offered ${a.offered}, helpful ${a.helpful}, not helpful ${a.notHelpful}</span></li>`).join('')}</ol>` : '<p class="meta">none</p>');
  return `<h3>Top articles</h3>${list(r.kb.top)}<h3>Worst rated</h3>${list(r.kb.worst)}`;
}

/** "sent 12/300 · 1/1 Slack channel" and the same for the follow-up once closed. */
function sentText(b: DashboardData['broadcasts'][number]): string {
  const counts = (p: BroadcastProgress[keyof BroadcastProgress]) => {
    const people = p.audience || !p.channels.audience ? `${p.sent}/${p.audience}` : '';
    const channels = p.channels.audience ? `${p.channels.sent}/${p.channels.audience} Slack channel${p.channels.audience === 1 ? '' : 's'}` : '';
    return [people, channels].filter(Boolean).join(' + ');
  };
  const slack = b.audience.slackChannels.length ? `into ${b.audience.slackChannels.join(', ')} · ` : '';
  return `${esc(slack)}sent ${esc(counts(b.progress.notice))}${b.followUp !== null ? ` · follow-up sent ${esc(counts(b.progress.follow_up))}` : ''}`;
}

function broadcastSection(list: DashboardData['broadcasts']): string {
  const channels = ChannelName.options.filter((c) => c !== 'terminal').map((c) => `<label><input type="checkbox" name="channel" value="${c}"> ${c}</label>`).join('');
  const categories = Category.options.map((c) => `<option value="${c}">${c}</option>`).join('');
  const items = list.map((b) => `<li data-id="${b.id}"><strong>#${b.id}</strong> <span class="meta">${esc(b.status)} · ${esc(b.createdAt)} · by ${esc(b.createdBy)}${b.incident ? ` · ${esc(b.incident)}` : ''} · ${sentText(b)}</span><div>${esc(b.text)}</div>`
    + (b.status === 'active' ? `<form class="inline close-form"><div><label for="note-${b.id}">Follow-up notice</label><input type="text" id="note-${b.id}" name="note" maxlength="1000" required></div><button type="submit">Close broadcast #${b.id}</button></form>` : `<div class="meta">Follow-up: ${esc(b.followUp ?? '')}</div>`)
    + '</li>').join('');
  return `<form id="broadcast-form">
    <label for="broadcast-text">Notice</label><textarea id="broadcast-text" name="text" rows="2" maxlength="1000" required></textarea>
    <fieldset><legend>Channels (none = all)</legend>${channels}</fieldset>
    <label for="broadcast-slack-channels">Also post into Slack channels (optional; channel ids, comma-separated; alone = only these channels)</label><input type="text" id="broadcast-slack-channels" name="slackChannels" maxlength="400" placeholder="C0123ABCD, G0456EFGH">
    <label for="broadcast-categories">Only users with an open ticket in (optional)</label><select id="broadcast-categories" name="categories" multiple size="3">${categories}</select>
    <label for="broadcast-incident">Major incident (optional)</label><input type="text" id="broadcast-incident" name="incident" maxlength="9" placeholder="MI-000001">
    <p><button type="submit">Post broadcast</button></p></form>
    <p id="broadcast-status" class="status" role="status" aria-live="polite"></p>
    <ul id="broadcasts">${items || '<li class="meta">No broadcasts yet.</li>'}</ul>`;
}

/** The admin dashboard: KPI tiles, SVG charts, breakdowns, KB feedback and broadcasts. All data is escaped. */
export function dashboardPage(d: DashboardData): string {
  const { report: r } = d;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dashboard · Frontdesk console</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><style>${STYLE}</style></head>
<body><header><h1>Frontdesk dashboard</h1><span>${esc(d.agentName)}</span><a href="/console">Queue</a><a href="/console/webhooks">Webhooks</a></header>
<main>
${(d.alerts ?? []).map((a) => `<section role="alert" style="border-color:#b91c1c;background:#fee2e2">${esc(a)} <a href="/console/webhooks">Webhooks</a></section>`).join('')}
<section aria-labelledby="period-title"><h2 id="period-title">Period</h2>
  <form class="inline" method="get" action="/console/dashboard">
    <div><label for="from">From</label><input type="date" id="from" name="from" value="${esc(r.period.from.slice(0, 10))}"></div>
    <div><label for="to">To (inclusive)</label><input type="date" id="to" name="to" value="${esc(new Date(Date.parse(r.period.to) - 1).toISOString().slice(0, 10))}"></div>
    <button type="submit">Show</button>
  </form>
  <p class="meta">${esc(r.period.from)} to ${esc(r.period.to)}, computed ${esc(r.generatedAt)}</p></section>
<section aria-labelledby="kpi-title"><h2 id="kpi-title">Key figures</h2>${tiles(r)}</section>
<section aria-labelledby="charts-title"><h2 id="charts-title">Charts</h2>${charts(r, d.series)}</section>
<section aria-labelledby="breakdown-title"><h2 id="breakdown-title">Breakdown</h2>${breakdownTables(r)}</section>
${d.agents ? agentsSection(d.agents) : ''}
<section aria-labelledby="kb-title"><h2 id="kb-title">Knowledge base</h2>${kbLists(r)}</section>
${d.kbHealth ? kbGapsSection(d.kbHealth) : ''}
<section aria-labelledby="broadcast-title"><h2 id="broadcast-title">Broadcasts</h2>${broadcastSection(d.broadcasts)}</section>
</main>
<script src="/console/i18n.js"></script>
<script src="/console/dashboard.js"></script>
</body></html>
`;
}
