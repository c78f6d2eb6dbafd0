/**
 * Major incidents (a piece of console.js): the ticket pane shows the incident its ticket follows or links it to
 * an open one; the bulk bar links the selected rows. The server tells each user it is a known problem.
 */
export const INCIDENT_SCRIPT = `
  async function loadIncidents() {
    const { incidents } = await api('/console/api/incidents');
    ['incident-pick', 'bulk-incident'].forEach((id) => {
      const select = $(id);
      const keep = select.value;
      while (select.options.length > 1) select.remove(1);
      incidents.forEach((m) => { select.appendChild(el('option', m.number + ' · ' + m.title)).value = m.number; });
      select.value = incidents.some((m) => m.number === keep) ? keep : '';
    });
  }

  function fillIncident(view) {
    const m = view.majorIncident;
    $('incident-linked').hidden = !m;
    $('incident-form').hidden = Boolean(m);
    if (m) $('incident-linked').textContent = tr(m.status === 'open' ? 'Follows {mi}: {title} (open)' : 'Followed {mi}: {title} (resolved)', { mi: m.number, title: m.title });
    $('incident-link').disabled = !view.can.edit || ['resolved', 'closed'].includes(view.ticket.status);
  }

  $('incident-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const mi = $('incident-pick').value;
    if (!mi) { $('action-status').textContent = tr('Choose a major incident first.'); $('incident-pick').focus(); return; }
    const number = current;
    if (await act('link', { incident: mi })) announce(tr('{ticket} linked to {mi}.', { ticket: number, mi }));
  });

  $('bulk-link').addEventListener('click', () => {
    if (!$('bulk-incident').value) { $('bulk-status').textContent = tr('Choose a major incident first.'); return; }
    bulk({ action: 'link', incident: $('bulk-incident').value });
  });
`;
