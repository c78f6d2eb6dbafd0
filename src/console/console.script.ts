/**
 * The console pages' JSON helpers (console and dashboard): a 401 sends the agent to the login page, and
 * every POST carries the session's CSRF token from the page's `csrf` variable.
 */
export const API_HELPERS = `  async function api(path, options) {
    const res = await fetch(path, Object.assign({ credentials: 'same-origin' }, options || {}));
    if (res.status === 401) { location.href = '/console/login'; throw new Error('logged out'); }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || ('request failed (' + res.status + ')'));
    return body;
  }

  function post(path, body) {
    return api(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body || {}) });
  }
`;

/** The console's script. Every piece of ticket or user data is inserted with textContent, never as HTML. */
export const CONSOLE_SCRIPT = `(() => {
  const $ = (id) => document.getElementById(id);
  let csrf = '';
  let current = null;
  let known = null;
  let refreshTimer = null;
  let refreshCurrent = false;
  let me = null;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function rich(parent, text) {
    // Only **bold** (as the bot writes ticket numbers and agent names) is rendered; the rest stays text.
    String(text).split(/(\\*\\*[^*]+\\*\\*)/).forEach((part) => {
      if (/^\\*\\*[^*]+\\*\\*$/.test(part)) parent.appendChild(el('strong', part.slice(2, -2)));
      else parent.appendChild(document.createTextNode(part));
    });
    return parent;
  }

  function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

${API_HELPERS}

  function announce(text) { $('announce').textContent = text; }

  async function loadQueue() {
    const { tickets } = await api('/console/api/queue');
    const list = $('queue');
    list.textContent = '';
    $('queue-count').textContent = '(' + tickets.length + ')';
    $('queue-empty').hidden = tickets.length > 0;
    const now = Date.now();
    const fresh = [];
    tickets.forEach((t) => {
      if (known && !known.has(t.number)) fresh.push(t.number);
      const li = el('li');
      const b = el('button');
      b.type = 'button';
      b.dataset.number = t.number;
      if (t.number === current) b.setAttribute('aria-current', 'true');
      const top = el('div');
      top.appendChild(el('span', t.priority, 'badge ' + t.priority));
      top.appendChild(document.createTextNode(' '));
      top.appendChild(el('strong', t.number));
      top.appendChild(el('span', ' · ' + t.status + (t.agentId ? ' · ' + t.agentId : ''), 'meta'));
      b.appendChild(top);
      b.appendChild(el('div', t.summary));
      const overdue = Date.parse(t.responseDueAt) < now && t.status === 'escalated';
      b.appendChild(el('div', 'Respond by ' + when(t.responseDueAt) + (overdue ? ' (overdue)' : ''), overdue ? 'meta overdue' : 'meta'));
      b.addEventListener('click', () => openTicket(t.number, true));
      li.appendChild(b);
      list.appendChild(li);
    });
    known = new Set(tickets.map((t) => t.number));
    if (fresh.length) announce('New in the queue: ' + fresh.join(', '));
  }

  function describe(item) {
    if (!item || typeof item !== 'object') return String(item);
    return [item.number || item.id, item.status, item.summary || item.title].filter(Boolean).join(' · ');
  }

  function fill(dl, pairs) {
    dl.textContent = '';
    pairs.forEach(([k, v]) => {
      if (v === undefined || v === null || v === '') return;
      dl.appendChild(el('dt', k));
      dl.appendChild(el('dd', v));
    });
  }

  function render(view) {
    const t = view.ticket;
    $('ticket').hidden = false;
    $('ticket-title').textContent = t.number + ' · ' + t.summary;
    fill($('details'), [['Status', t.status], ['Priority', t.priority], ['Type', t.type], ['Category', t.category],
      ['Group', t.group], ['Agent', t.agentId || 'nobody'], ['Respond by', when(t.responseDueAt)], ['Resolve by', when(t.resolveDueAt)],
      ['First response', when(t.firstResponseAt)], ['Description', t.description]]);
    const c = view.context;
    fill($('context'), c ? [['Summary', c.summary], ['Reason', c.reason],
      ['Answers', Object.entries(c.answers || {}).map(([k, v]) => k + ': ' + v).join('\\n')],
      ['Classified', c.classification ? c.classification.category + ' / ' + c.classification.type + ' (' + Math.round((c.classification.confidence || 0) * 100) + '%)' : ''],
      ['Articles tried', (c.kbTried || []).map((k) => k.id + (k.helpful === false ? ' (not helpful)' : k.helpful ? ' (helpful)' : '')).join(', ') || 'none'],
      ['Similar', Array.isArray(c.similar) ? c.similar.map(describe).join('\\n') : ''],
      ['Earlier tickets', Array.isArray(c.recentTickets) ? c.recentTickets.map(describe).join('\\n') : '']]
      : [['Context', 'No escalation context recorded.']]);
    const list = $('transcript');
    list.textContent = '';
    view.transcript.forEach((m) => {
      const li = el('li', null, m.direction);
      li.appendChild(el('div', (m.direction === 'in' ? 'User' : 'Desk') + ' · ' + when(m.createdAt), 'meta'));
      li.appendChild(rich(el('div'), m.text));
      if (m.direction === 'out' && m.delivery && m.delivery !== 'sent') li.appendChild(el('div', m.delivery === 'failed' ? 'Delivery failed' : 'Sending…', m.delivery === 'failed' ? 'failed' : 'meta'));
      list.appendChild(li);
    });
    list.scrollTop = list.scrollHeight;
    const r = view.requester || {};
    fill($('requester'), [['Name', r.name], ['Email', r.email], ['Department', r.department], ['Channel', r.channel]]);
    const history = $('history');
    history.textContent = '';
    view.requesterTickets.forEach((h) => history.appendChild(el('li', [h.number, h.status, h.summary].filter(Boolean).join(' · '))));
    const events = $('events');
    events.textContent = '';
    view.events.forEach((e) => {
      const text = e.data && (e.data.text || e.data.note) ? ': ' + (e.data.text || e.data.note) : '';
      events.appendChild(el('li', when(e.at) + ' · ' + e.actor + ' · ' + e.kind + text));
    });
    $('takeover').disabled = !view.can.takeOver || (me && t.agentId === me.id && t.status === 'in_progress');
    ['release', 'reply', 'resolve'].forEach((id) => { $(id).disabled = !view.can.act; });
    $('note').disabled = !view.can.note;
    $('transfer').disabled = !view.can.takeOver;
  }

  async function openTicket(number, focus) {
    current = number;
    document.querySelectorAll('#queue button').forEach((b) => b.setAttribute('aria-current', String(b.dataset.number === number)));
    try {
      render(await api('/console/api/tickets/' + encodeURIComponent(number)));
      if (focus) $('ticket-title').focus();
    } catch (e) { $('action-status').textContent = e.message; }
  }

  async function act(action, body) {
    if (!current) return;
    $('action-status').textContent = '';
    try {
      await post('/console/api/tickets/' + encodeURIComponent(current) + '/' + action, body);
      await Promise.all([openTicket(current, false), loadQueue()]);
      return true;
    } catch (e) { $('action-status').textContent = e.message; return false; }
  }

  $('takeover').addEventListener('click', () => act('takeover'));
  $('release').addEventListener('click', () => act('release'));
  $('compose').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('message').value.trim();
    if (text && await act('reply', { text })) $('message').value = '';
  });
  $('note').addEventListener('click', async () => {
    const text = $('message').value.trim();
    if (text && await act('note', { text })) $('message').value = '';
  });
  $('transfer-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {};
    if ($('to-group').value.trim()) body.toGroup = $('to-group').value.trim();
    if ($('to-agent').value.trim()) body.toAgent = $('to-agent').value.trim();
    if (await act('transfer', body)) { $('to-group').value = ''; $('to-agent').value = ''; }
  });
  $('resolve-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { resolution: $('resolution').value.trim(), rootCause: $('root-cause').value.trim() };
    if (await act('resolve', body)) { $('resolution').value = ''; $('root-cause').value = ''; }
  });
  $('logout').addEventListener('click', async () => {
    await post('/console/logout').catch(() => {});
    location.href = '/console/login';
  });

  function scheduleRefresh(number) {
    // Several commits arrive together (a turn, then its delivery); one refetch covers them.
    if (!number || number === current) refreshCurrent = true;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      loadQueue().catch(() => {});
      if (current && refreshCurrent) openTicket(current, false);
      refreshCurrent = false;
    }, 80);
  }

  function connect() {
    const events = new EventSource('/console/api/events');
    events.addEventListener('changed', (e) => scheduleRefresh(JSON.parse(e.data).ticket));
    events.addEventListener('open', () => scheduleRefresh(null));
  }

  api('/console/api/me').then((session) => {
    me = session.agent;
    csrf = session.csrfToken;
    $('who').textContent = me.name + ' (' + me.role + (me.groups.length ? ': ' + me.groups.join(', ') : '') + ')';
    return loadQueue();
  }).then(connect).catch((e) => { $('action-status').textContent = e.message; });
})();
`;
