/**
 * The queue (a piece of console.js): search, filters, sorting and paging done by the server and kept in the
 * address bar, rows updated in place (a live update keeps focus and scroll), new tickets announced.
 */
export const QUEUE_SCRIPT = `
  const FILTERS = ['q', 'status', 'priority', 'group', 'assignee', 'sort', 'sla', 'page'];
  let known = null;

  function queueParams() {
    const params = new URLSearchParams();
    FILTERS.forEach((name) => {
      const field = $(name === 'q' ? 'q' : 'f-' + name);
      const value = name === 'page' ? String(queuePage) : field.value.trim();
      if (value && !(name === 'page' && value === '1') && !(name === 'status' && value === 'waiting') && !(name === 'sort' && value === 'priority')) params.set(name, value);
    });
    return params;
  }

  let queuePage = 1;

  function readFilters(search) {
    const params = new URLSearchParams(search);
    FILTERS.forEach((name) => {
      if (name === 'page') { queuePage = Math.max(1, Number(params.get('page')) || 1); return; }
      const field = $(name === 'q' ? 'q' : 'f-' + name);
      const value = params.get(name);
      if (value === null) { field.value = name === 'status' ? 'waiting' : name === 'sort' ? 'priority' : ''; return; }
      if (field.tagName === 'SELECT' && !Array.from(field.options).some((o) => o.value === value)) field.appendChild(el('option', value)).value = value;
      field.value = value;
    });
  }

  function fillRow(button, t) {
    button.textContent = '';
    const top = el('div');
    top.appendChild(el('span', t.priority, 'badge ' + t.priority));
    top.appendChild(document.createTextNode(' '));
    top.appendChild(el('strong', t.number));
    top.appendChild(el('span', ' · ' + statusLabel(t.status) + (t.agentId ? ' · ' + t.agentId : '') + (t.group ? ' · ' + t.group : ''), 'meta'));
    button.appendChild(top);
    button.appendChild(el('div', t.summary));
    rowTags(button, t);
    slaRow(button, t);
    button.lastTicket = t;
    markUnread(button, t);
    button.setAttribute('aria-current', String(t.number === current));
  }

  /** Put the rows in order, reusing the ones shown: moving a node blurs it, so the focused row gets its focus back. */
  function showRows(tickets) {
    const list = $('queue');
    const focused = document.activeElement;
    const rows = new Map(Array.from(list.children).map((li) => [li.dataset.number, li]));
    tickets.forEach((t, i) => {
      let li = rows.get(t.number);
      if (!li) {
        li = el('li');
        li.dataset.number = t.number;
        const b = el('button');
        b.type = 'button';
        b.dataset.number = t.number;
        b.addEventListener('click', () => openTicket(b.dataset.number, true));
        li.appendChild(b);
        pickBox(li, t.number);
      }
      rows.delete(t.number);
      fillRow(li.querySelector('button'), t);
      if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
    });
    rows.forEach((li) => li.remove());
    showBulk();
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus({ preventScroll: true });
  }

  async function loadQueue() {
    const params = queueParams();
    return showQueue(await api('/console/api/queue?' + params.toString()), params);
  }

  /** Show a page of the queue as GET /console/api/queue answers it (or as the page brought it for its address). */
  function showQueue(result, params) {
    const { tickets, total, pageSize } = result;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    if (queuePage > pages) { queuePage = pages; return loadQueue(); }
    showRows(tickets);
    markAtRisk();
    $('queue-count').textContent = '(' + total + ')';
    $('queue-range').textContent = total ? tr('Showing {a}–{b} of {n}', { a: (queuePage - 1) * pageSize + 1, b: (queuePage - 1) * pageSize + tickets.length, n: total }) : '';
    $('queue-empty').hidden = tickets.length > 0;
    $('queue-empty').textContent = tr(params.toString() ? 'No tickets match.' : 'No tickets waiting.');
    $('page-info').textContent = tr('Page {p} of {n}', { p: queuePage, n: pages });
    $('prev-page').disabled = queuePage <= 1;
    $('next-page').disabled = queuePage >= pages;
    const fresh = known ? tickets.filter((t) => !known.has(t.number)).map((t) => t.number) : [];
    known = new Set([...(known || []), ...tickets.map((t) => t.number)]);
    if (fresh.length) announce(tr('New in the queue: {list}', { list: fresh.join(', ') }));
  }

  function filtersChanged() {
    queuePage = 1;
    known = null;
    syncAddress(false);
    loadQueue().catch(showError);
  }

  $('filters').addEventListener('submit', (e) => { e.preventDefault(); filtersChanged(); });
  ['f-status', 'f-priority', 'f-group', 'f-assignee', 'f-sort'].forEach((id) => $(id).addEventListener('change', filtersChanged));
  $('prev-page').addEventListener('click', () => { queuePage -= 1; syncAddress(false); loadQueue().catch(showError); });
  $('next-page').addEventListener('click', () => { queuePage += 1; syncAddress(false); loadQueue().catch(showError); });
`;
