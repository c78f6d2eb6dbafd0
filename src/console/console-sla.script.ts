/**
 * SLA countdowns (a piece of console.js): time left on every queue row and on the open ticket, coloured and
 * marked in words from 75% of the target (at risk) and past it (breached); "paused" while the ticket is
 * pending. The running clock is the response clock until the first answer, then the resolution clock.
 * The share is wall time between creation and the due time less ended pauses, as the server's `sla=at_risk` filter counts it.
 */
export const SLA_SCRIPT = `
  const AT_RISK = 0.75;

  /** The running clock of a ticket (null when none runs): which one, its due time, time left and state. */
  function slaClock(t) {
    if (['resolved', 'closed'].includes(t.status)) return null;
    if (t.status === 'pending_user') return { paused: true };
    const respond = !t.firstResponseAt;
    const paused = t.pausedMs || 0;
    const start = Date.parse(t.createdAt);
    const due = Date.parse(respond ? t.responseDueAt : t.resolveDueAt);
    const total = due - start;
    const used = total > 0 ? (Date.now() - paused - start) / total : 1;
    const dueIso = new Date(due + paused).toISOString();
    return { respond, dueIso, left: due + paused - Date.now(), state: used >= 1 ? 'breached' : used >= AT_RISK ? 'at-risk' : 'ok' };
  }

  function slaText(c) {
    if (c.paused) return tr('SLA paused while pending');
    const what = c.respond ? 'Response' : 'Resolution';
    if (c.state === 'breached') return tr(what + ' overdue by {span}', { span: span(c.left) });
    return tr(what + ' due in {span}', { span: span(c.left) }) + (c.state === 'at-risk' ? ' · ' + tr('at risk') : '');
  }

  /** Show the countdown of ticket t in node (kept on the node, so the timer below can move it on). */
  function showSla(node, t) {
    const c = slaClock(t);
    node.ticketData = t;
    node.hidden = !c;
    if (!c) return;
    node.textContent = slaText(c);
    node.className = 'sla ' + (c.paused ? 'paused' : c.state);
    // The due time as a tooltip, formatted when a pointer comes over it: the first date formatter of a page costs
    // 40-70 ms in a new tab (120 ms under load), which the first view does not need (and an agent may never hover).
    node.dueIso = c.paused ? null : c.dueIso;
    if (node.title) node.title = node.dueIso ? when(node.dueIso) : '';
  }

  document.addEventListener('pointerover', (e) => {
    const node = e.target instanceof Element ? e.target.closest('.sla') : null;
    if (node && node.dueIso) node.title = when(node.dueIso);
  });

  function slaRow(button, t) {
    const line = el('div');
    button.appendChild(line);
    showSla(line, t);
  }

  // Countdowns move on every 20 s without asking the server.
  setInterval(() => {
    document.querySelectorAll('#queue .sla').forEach((n) => { if (n.ticketData) showSla(n, n.ticketData); });
    if (lastView && current) showSla($('ticket-sla'), lastView.ticket);
  }, 20000);

  function markAtRisk() { $('at-risk').setAttribute('aria-pressed', String($('f-sla').value === 'at_risk')); }
  $('at-risk').addEventListener('click', () => {
    const on = $('f-sla').value !== 'at_risk';
    $('f-sla').value = on ? 'at_risk' : '';
    if (on) $('f-sort').value = 'due';
    filtersChanged();
  });
`;
