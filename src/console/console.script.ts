import { API_HELPERS } from './console-api.script';
import { COMPOSE_SCRIPT } from './console-compose.script';
import { FORMAT_HELPERS } from './console-format.script';
import { I18N_SCRIPT } from './console-i18n.script';
import { QUEUE_SCRIPT } from './console-queue.script';
import { TICKET_SCRIPT } from './console-ticket.script';
import { BULK_SCRIPT } from './console-bulk.script';
import { SHORTCUTS_SCRIPT } from './console-shortcuts.script';
import { CANNED_SCRIPT } from './console-canned.script';
import { EDIT_SCRIPT } from './console-edit.script';
import { MERGE_SCRIPT } from './console-merge.script';
import { CUSTOMER_SCRIPT } from './console-customer.script';
import { PRESENCE_SCRIPT } from './console-presence.script';
import { VIEWS_SCRIPT } from './console-views.script';
import { NOTIFY_SCRIPT } from './console-notify.script';
import { SLA_SCRIPT } from './console-sla.script';
import { PENDING_SCRIPT } from './console-pending.script';
import { TAGS_SCRIPT } from './console-tags.script';
import { INCIDENT_SCRIPT } from './console-incident.script';
import { KB_SCRIPT } from './console-kb.script';
import { WATCH_SCRIPT } from './console-watch.script';

export { API_HELPERS };

/**
 * The console's script, put together from small pieces by concern (format, API, queue, ticket, compose).
 * Every piece of ticket or user data is inserted with textContent, never as HTML. The open ticket lives in
 * the address (/console/tickets/INC-000123) and the queue's filters in its query, so a reload keeps both.
 */
export const CONSOLE_SCRIPT = `(() => {
  let csrf = '';
  let current = null;
  let refreshTimer = null;
  let refreshCurrent = false;
  let me = null;
  let events = null;
  let lastView = null;
${FORMAT_HELPERS}
${I18N_SCRIPT}
${API_HELPERS}
  function announce(text) { $('announce').textContent = text; }
  function showError(e) { $('action-status').textContent = e.message; }
${NOTIFY_SCRIPT}
${SLA_SCRIPT}
${PENDING_SCRIPT}
${QUEUE_SCRIPT}
${TICKET_SCRIPT}
${COMPOSE_SCRIPT}
${CANNED_SCRIPT}
${KB_SCRIPT}
${PRESENCE_SCRIPT}
${VIEWS_SCRIPT}
${EDIT_SCRIPT}
${TAGS_SCRIPT}
${MERGE_SCRIPT}
${CUSTOMER_SCRIPT}
${BULK_SCRIPT}
${INCIDENT_SCRIPT}
${WATCH_SCRIPT}
${SHORTCUTS_SCRIPT}
  const TICKET_PATH = /^\\/console\\/tickets\\/([A-Za-z]+-\\d+)$/;

  function syncAddress(push) {
    const path = current ? '/console/tickets/' + encodeURIComponent(current) : '/console';
    const search = queueParams().toString();
    const url = path + (search ? '?' + search : '');
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  async function openTicket(number, focus) {
    const fresh = number !== current || focus;
    if (number !== current) {
      current = number;
      loadDraft(number);
      syncAddress(focus);
    }
    document.querySelectorAll('#queue button').forEach((b) => b.setAttribute('aria-current', String(b.dataset.number === number)));
    document.body.classList.add('ticket-open');
    try {
      render(await api('/console/api/tickets/' + encodeURIComponent(number)), fresh);
      presenceOpened(number);
      document.title = number + ' · ' + tr('Frontdesk console');
      showTitle();
      if (focus) $('ticket-title').focus();
    } catch (e) { showError(e); }
  }

  /** Back to the queue alone (what phones show): the ticket is closed and its row gets the focus. */
  function closeTicket(push) {
    const was = current;
    current = null;
    presenceOpened(null);
    document.body.classList.remove('ticket-open');
    document.querySelectorAll('#queue button').forEach((b) => b.setAttribute('aria-current', 'false'));
    document.title = tr('Frontdesk console');
    showTitle();
    syncAddress(push);
    const row = was && document.querySelector('#queue button[data-number="' + CSS.escape(was) + '"]');
    if (row) row.focus();
  }

  $('back').addEventListener('click', () => closeTicket(true));

  window.addEventListener('popstate', () => {
    readFilters(location.search);
    const match = TICKET_PATH.exec(location.pathname);
    loadQueue().catch(showError);
    markViews();
    if (match) openTicket(match[1].toUpperCase(), false);
    else if (current) closeTicket(false);
  });

  $('logout').addEventListener('click', async () => {
    await post('/console/logout').catch(() => {});
    location.href = '/console/login';
  });

  function scheduleRefresh(number) {
    // Several commits arrive together (a turn, then its delivery): one refetch covers those of the next 25 ms.
    // The first event starts the wait and later ones do not extend it, so an update shows within that bound.
    if (!number || number === current) refreshCurrent = true;
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      // The open ticket first, and the rest once it shows: it is what the agent is looking at, and the queue's
      // query (10,000 open tickets) would otherwise hold the server while the ticket waits.
      const first = current && refreshCurrent ? openTicket(current, false) : Promise.resolve();
      refreshCurrent = false;
      first.finally(() => {
        loadQueue().catch(() => {});
        loadUnread().catch(() => {});
        loadIncidents().catch(() => {});
      });
    }, 25);
  }

  function connect() {
    if (events) events.close();
    events = new EventSource('/console/api/events');
    events.addEventListener('changed', (e) => scheduleRefresh(JSON.parse(e.data).ticket));
    events.addEventListener('open', () => scheduleRefresh(null));
    events.addEventListener('presence', (e) => { const d = JSON.parse(e.data); showPresence(d.ticket, d.agents); });
    // A refused stream (session ended) is not retried by the browser: asking who we are signs in again.
    events.addEventListener('error', () => { if (events.readyState === EventSource.CLOSED) api('/console/api/me').catch(() => {}); });
  }

  /** The session and the queue's first page, sent in the page by the server (null when the page came without). */
  function readBoot() {
    try { return JSON.parse($('boot').textContent); } catch (e) { return null; }
  }

  /** Once the first rows are painted (or after 100 ms in a hidden tab, where frames wait). */
  function painted() {
    return new Promise((done) => { requestAnimationFrame(() => setTimeout(done, 0)); setTimeout(done, 100); });
  }

  translatePage();
  readFilters(location.search);
  const boot = readBoot();
  (boot && boot.me ? Promise.resolve(boot.me) : api('/console/api/me')).then(async (session) => {
    me = session.agent;
    csrf = session.csrfToken;
    loadNotify();
    $('who').textContent = me.name + ' (' + me.role + (me.groups.length ? ': ' + me.groups.join(', ') : '') + ')';
    $('dashboard-link').hidden = me.role !== 'admin';
    const match = TICKET_PATH.exec(location.pathname);
    if (match) openTicket(match[1].toUpperCase(), false);
    // The queue first, with no request when the page brought it; pickers, canned responses, views, incidents and
    // the live stream once its rows are on screen, so the agent does not wait for what is not yet in view.
    await (boot && boot.queue ? showQueue(boot.queue, queueParams()) : loadQueue());
    await painted();
    checkDesktopAllowed();
    return Promise.all([loadDirectory().catch(showError), loadCanned().catch(showError), loadViews().catch(showError), loadIncidents().catch(showError)]);
  }).then(connect).catch(showError);
})();
`;
