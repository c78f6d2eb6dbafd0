import type { AgentFigures } from '../kpi/agent-figures';
import { esc } from './dashboard-charts';
import { scrollBox } from './dashboard-kb';

const num = (v: number | null, digits = 1) => (v === null ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

/** The dashboard's "By agent" section: each agent's open tickets, resolutions, first response, resolution time and CSAT. */
export function agentsSection(rows: (AgentFigures & { name: string })[]): string {
  // The name links to the queue filtered to the tickets the agent owns.
  const body = rows.map((r) => `<tr><td><a href="/console?${esc(new URLSearchParams({ status: 'all', assignee: r.agentId }).toString())}">${esc(r.name)}</a></td><td>${r.openNow}</td><td>${r.resolved}</td><td>${num(r.firstResponseMedianMinutes)}</td>`
    + `<td>${num(r.resolutionMedianHours)}</td><td>${num(r.csatAverage, 2)}</td><td>${r.csatCount}</td></tr>`).join('');
  const table = '<table id="agent-figures"><caption class="meta">By agent (tickets they own now)</caption><thead><tr>'
    + '<th scope="col">Agent</th><th scope="col">Open now</th><th scope="col">Resolved</th><th scope="col">First response, median (min)</th>'
    + '<th scope="col">Resolution, median (h)</th><th scope="col">CSAT average</th><th scope="col">Ratings</th></tr></thead>'
    + `<tbody>${body || '<tr><td colspan="7">No tickets owned by agents.</td></tr>'}</tbody></table>`;
  return `<section aria-labelledby="agents-title"><h2 id="agents-title">Agents</h2>${scrollBox('By agent', table)}</section>`;
}
