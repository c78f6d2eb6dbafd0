/**
 * Acting on the open ticket (a piece of console.js): reply and note sent once (buttons off while in flight,
 * one Idempotency-Key per message so a retry cannot send it twice), drafts kept in this browser per ticket,
 * transfer to a group or agent picked from the configured lists, resolve, and the sign-in dialog that
 * renews an expired session in place.
 */
export const COMPOSE_SCRIPT = `
  let sending = false;
  let canReply = false;
  let pendingKey = null;

  const draftKey = (number) => 'frontdesk.console.draft.' + number;
  function loadDraft(number) {
    try { $('message').value = localStorage.getItem(draftKey(number)) || ''; } catch (e) { $('message').value = ''; }
    pendingKey = null;
  }
  function saveDraft() {
    if (!current) return;
    pendingKey = null;
    try {
      if ($('message').value) localStorage.setItem(draftKey(current), $('message').value);
      else localStorage.removeItem(draftKey(current));
    } catch (e) { /* storage full or off: the draft lives in the text box only */ }
  }
  $('message').addEventListener('input', saveDraft);

  function newKey() {
    return (crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + '-' + Math.random().toString(36).slice(2));
  }

  async function act(action, body, key) {
    if (!current) return false;
    const number = current;
    $('action-status').textContent = '';
    try {
      await post('/console/api/tickets/' + encodeURIComponent(number) + '/' + action, body, key);
      await Promise.all([openTicket(number, false), loadQueue()]);
      return true;
    } catch (e) { $('action-status').textContent = e.message; return false; }
  }

  /** Reply or note: one request at a time, the same key when the agent retries the same text. */
  async function write(action) {
    const text = $('message').value.trim();
    if (!text || sending) return;
    sending = true;
    $('reply').disabled = true;
    $('note').disabled = true;
    const number = current;
    pendingKey = pendingKey || newKey();
    try {
      // The owner shown while writing: if someone else takes the ticket over meanwhile, the server refuses.
      const body = action === 'reply' && lastView ? { text, expectedOwner: lastView.ticket.agentId } : { text };
      if (await act(action, body, pendingKey)) {
        pendingKey = null;
        try { localStorage.removeItem(draftKey(number)); } catch (e) { /* nothing stored */ }
        if (current === number) $('message').value = '';
      }
    } finally {
      sending = false;
      $('reply').disabled = !canReply;
      $('note').disabled = false;
    }
  }

  $('takeover').addEventListener('click', () => act('takeover'));
  $('release').addEventListener('click', () => act('release'));
  $('compose').addEventListener('submit', (e) => { e.preventDefault(); write('reply'); });
  $('note').addEventListener('click', () => write('note'));
  $('message').addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); write('reply'); } });

  async function loadDirectory() {
    const { groups, agents } = await api('/console/api/directory');
    const toGroup = $('to-group');
    const filterGroup = $('f-group');
    groups.forEach((g) => {
      toGroup.appendChild(el('option', g.label)).value = g.id;
      if (!Array.from($('edit-group').options).some((o) => o.value === g.id)) $('edit-group').appendChild(el('option', g.label)).value = g.id;
      // The filter offers the groups whose tickets this agent sees (all of them for an admin).
      const mine = me.role === 'admin' || me.groups.includes(g.id);
      if (mine && !Array.from(filterGroup.options).some((o) => o.value === g.id)) filterGroup.appendChild(el('option', g.label)).value = g.id;
    });
    agents.forEach((a) => {
      $('to-agent').appendChild(el('option', a.name + ' (' + a.id + ')')).value = a.id;
      $('bulk-agent').appendChild(el('option', a.name + ' (' + a.id + ')')).value = a.id;
    });
  }

  $('transfer-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {};
    if ($('to-group').value) body.toGroup = $('to-group').value;
    if ($('to-agent').value) body.toAgent = $('to-agent').value;
    if (!body.toGroup && !body.toAgent) { $('action-status').textContent = tr('Choose a group or an agent to transfer to.'); return; }
    if (await act('transfer', body)) { $('to-group').value = ''; $('to-agent').value = ''; }
  });
  $('resolve-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { resolution: $('resolution').value.trim(), rootCause: $('root-cause').value.trim() };
    if (await act('resolve', body)) { $('resolution').value = ''; $('root-cause').value = ''; }
  });

  let signingIn = null;
  /** The session ended: sign in again in a dialog; the requests that met the 401 wait and then repeat. */
  function reauthenticate() {
    if (signingIn) return signingIn;
    signingIn = new Promise((resolve) => {
      const dialog = $('reauth');
      $('reauth-login').value = me ? me.id : '';
      $('reauth-password').value = '';
      $('reauth-error').textContent = '';
      if (!dialog.open) dialog.showModal();
      $('reauth-password').focus();
      $('reauth-form').onsubmit = async (e) => {
        e.preventDefault();
        const res = await fetch('/console/login', { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: $('reauth-login').value, password: $('reauth-password').value }) }).catch(() => null);
        const session = res ? await res.json().catch(() => ({})) : {};
        if (!res || !res.ok) { $('reauth-error').textContent = session.error || tr('The server cannot be reached.'); return; }
        csrf = session.csrfToken;
        me = session.agent;
        dialog.close();
        signingIn = null;
        resolve();
        connect();
      };
    });
    return signingIn;
  }
`;
