import type { KbHealth } from '../kb/gaps/kb-health';
import { esc } from './dashboard-charts';

const pct = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
const langs = (counts: Record<string, number>) => Object.entries(counts).map(([l, n]) => `${l} ${n}`).join(', ');

/** A wide table in a box that scrolls sideways on its own (focusable, so keyboards can scroll it), never the page. */
export function scrollBox(label: string, table: string): string {
  return `<div class="scroll" role="region" tabindex="0" aria-label="${esc(label)}">${table}</div>`;
}

function topicsTable(h: KbHealth): string {
  if (h.topics.length === 0) return '<p class="meta">No unanswered questions in this period.</p>';
  const rows = h.topics.map((t) => `<tr><td>${esc(t.terms.join(' ') || '–')}</td><td>${t.count}</td><td class="l">${esc(langs(t.langs))}</td><td class="l">${esc(t.category ?? '–')}</td>`
    + `<td class="examples"><ul>${t.examples.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></td></tr>`);
  return scrollBox('Top unanswered topics', `<table id="kb-gap-topics"><caption class="meta">Top unanswered topics: ${h.gaps} searches found no article to offer</caption>`
    + '<thead><tr><th scope="col">Topic</th><th scope="col">Questions</th><th scope="col" class="l">Languages</th><th scope="col" class="l">Area</th><th scope="col" class="l">Examples</th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table>`);
}

function poorTable(h: KbHealth): string {
  if (h.poor.length === 0) return '<p class="meta">No article is rated poorly in this period.</p>';
  const rows = h.poor.map((r) => `<tr><td>${esc(r.title === null ? `${r.id} (removed)` : r.id)}</td><td>${r.offered}</td><td>${r.helpful}</td><td>${r.notHelpful}</td><td>${pct(r.helpfulRate)}</td></tr>`);
  return scrollBox('Articles with poor helpful rates', '<table id="kb-poor"><caption class="meta">Articles with poor helpful rates</caption>'
    + '<thead><tr><th scope="col">Article</th><th scope="col">Offered</th><th scope="col">Helpful</th><th scope="col">Not helpful</th><th scope="col">Helpful rate</th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table>`);
}

function staleTable(h: KbHealth): string {
  if (h.stale.length === 0) return `<p class="meta">No article is older than ${h.staleDays} days.</p>`;
  const rows = h.stale.map((s) => `<tr><td>${esc(s.lang === 'zh' ? `${s.id}.zh` : s.id)}</td><td class="l">${esc(s.title)}</td><td>${esc(s.updated)}</td><td>${s.ageDays}</td></tr>`);
  return scrollBox('Stale articles', `<table id="kb-stale"><caption class="meta">Stale articles: not updated for more than ${h.staleDays} days</caption>`
    + '<thead><tr><th scope="col">Article</th><th scope="col" class="l">Title</th><th scope="col">Updated</th><th scope="col">Age (days)</th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table>`);
}

/** The dashboard's "Knowledge gaps" section: what to write, what to fix, what to review. All data escaped. */
export function kbGapsSection(h: KbHealth): string {
  return `<section aria-labelledby="kb-gaps-title"><h2 id="kb-gaps-title">Knowledge gaps</h2>${topicsTable(h)}${poorTable(h)}${staleTable(h)}</section>`;
}
