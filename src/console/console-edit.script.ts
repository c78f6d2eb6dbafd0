/**
 * Ticket editing (a piece of console.js): category, impact, urgency and group, sent as one `edit` action
 * with only what changed; the audit log names the agent and shows each change as from → to.
 */
export const EDIT_SCRIPT = `
  /** Show the ticket's values; on a live refresh a field the agent has changed but not saved keeps their choice. */
  function fillEdit(t, can, fresh) {
    const group = $('edit-group');
    if (t.group && !Array.from(group.options).some((o) => o.value === t.group)) group.appendChild(el('option', t.group)).value = t.group;
    [['edit-category', t.category], ['edit-impact', String(t.impact)], ['edit-urgency', String(t.urgency)], ['edit-group', t.group || '']].forEach(([id, value]) => {
      const field = $(id);
      if (!fresh && field.dataset.shown !== undefined && field.value !== field.dataset.shown) return;
      field.value = value;
      field.dataset.shown = value;
    });
    $('edit-save').disabled = !can.edit;
  }

  $('edit-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const t = lastView && lastView.ticket;
    if (!t) return;
    const body = {};
    if ($('edit-category').value !== t.category) body.category = $('edit-category').value;
    if (Number($('edit-impact').value) !== t.impact) body.impact = Number($('edit-impact').value);
    if (Number($('edit-urgency').value) !== t.urgency) body.urgency = Number($('edit-urgency').value);
    if ($('edit-group').value && $('edit-group').value !== t.group) body.group = $('edit-group').value;
    if (!Object.keys(body).length) { $('action-status').textContent = tr('Nothing changed.'); return; }
    ['edit-category', 'edit-impact', 'edit-urgency', 'edit-group'].forEach((id) => { delete $(id).dataset.shown; });
    if (await act('edit', body)) announce(tr('Ticket updated.'));
  });

  /** A changed value as the audit line shows it: a list (tags) joined, an empty one as a dash. */
  function shownValue(v) { return Array.isArray(v) ? v.join(', ') || '—' : v; }

  /** One audit line: time, who (the agent's name when recorded), what, and an edit's changes. */
  function eventText(e) {
    const who = (e.data && e.data.by) || e.actor;
    const text = e.data && (e.data.text || e.data.note) ? ': ' + (e.data.text || e.data.note) : '';
    const changes = e.kind === 'edited' && e.data.changes
      ? ': ' + Object.entries(e.data.changes).map(([k, c]) => tr(k) + ' ' + shownValue(c.from) + ' → ' + shownValue(c.to)).join(', ') : '';
    const merge = e.kind === 'merged_into' ? ' ' + e.data.target : e.kind === 'merged_from' ? ' ' + e.data.ticket : '';
    const incident = e.kind.startsWith('major_incident') && e.data.majorIncident ? ' ' + e.data.majorIncident : '';
    return when(e.at) + ' · ' + who + ' · ' + tr(e.kind.replace(/_/g, ' ')) + merge + incident + text + changes;
  }
`;
