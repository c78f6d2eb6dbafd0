/**
 * The web chat page's outbox (a piece of webchat.js): a message is kept in localStorage until the server
 * took it, shown as pending, and retried with backoff (1 s doubling to 15 s, at once when the browser is
 * back online or the event stream reopens). Its clientMessageId never changes, so the server stores it
 * once however often it is sent. Messages go in order: a later one waits for the one before. A message's
 * file is uploaded first under the same key (FILES_SCRIPT); the file itself lives only in this page, so a
 * reload before its upload loses it and says so.
 */
export const OUTBOX_SCRIPT = `
  const OUTBOX = 'frontdesk.chat.outbox';
  let outbox = [];
  // Messages this tab wrote: their echo (sent to every tab of the session) is not shown twice here.
  const ownIds = new Set();
  let flushing = false;
  let retryTimer = null;
  let backoffMs = 1000;

  function saveOutbox() {
    try { localStorage.setItem(OUTBOX, JSON.stringify(outbox, (k, v) => (k === 'node' || k === 'file' ? undefined : v))); } catch (e) { /* storage off: kept for this page only */ }
  }
  function loadOutbox() {
    try { outbox = JSON.parse(localStorage.getItem(OUTBOX) || '[]').filter((m) => m && typeof m.clientMessageId === 'string'); } catch (e) { outbox = []; }
    outbox.forEach((m) => ownIds.add(m.clientMessageId));
  }

  function markPending(item, note) {
    let node = item.node;
    if (!node || !node.isConnected) {
      node = bubble('user');
      appendText(node, item.text);
      item.node = node;
      showFiles(node, item.files);
    }
    node.classList.add('pending');
    let state = node.querySelector('.state');
    if (!state) { state = document.createElement('span'); state.className = 'state'; node.appendChild(state); }
    state.textContent = note;
  }

  function markSent(item) {
    if (!item.node) return;
    item.node.classList.remove('pending');
    const state = item.node.querySelector('.state');
    if (state) state.remove();
  }

  function queueMessage(text, action, file) {
    const item = { clientMessageId: Date.now().toString(36) + '-' + (counter++) + '-' + Math.random().toString(36).slice(2, 8), text: text };
    if (action) item.action = action;
    if (file) { item.file = file; item.files = [{ name: file.name, size: file.size, type: file.type }]; }
    ownIds.add(item.clientMessageId);
    outbox.push(item);
    saveOutbox();
    markPending(item, say('sending'));
    flush();
  }

  function retryLater(item, seconds) {
    const wait = Math.max(backoffMs, (seconds || 0) * 1000);
    markPending(item, say('retrying', Math.round(wait / 1000)));
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, wait);
    backoffMs = Math.min(backoffMs * 2, 15000);
  }

  /** A refused message or file: shown failed with why, in the page's language; the outbox moves on. */
  function refuse(item, note) {
    markPending(item, note);
    item.node.classList.replace('pending', 'failed');
  }

  /** Upload the item's file under its key: 'done', 'retry' (network, 5xx, 429), or 'refused' (shown). */
  async function uploadFile(item) {
    if (!item.files || !item.files.length || item.files[0].id) return 'done';
    if (!item.file) { refuse(item, say('fileLost')); return 'refused'; }
    markPending(item, say('uploading', item.file.name));
    let res = null;
    try {
      res = await fetch('/api/chat/files', { method: 'POST', body: item.file, headers: {
        'content-type': item.file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(item.file.name), 'x-client-message-id': item.clientMessageId,
      } });
    } catch (e) { res = null; }
    if (res && res.status === 401) { await fetch('/api/chat/session', { method: 'POST' }).catch(() => null); res = null; }
    if (!res || res.status >= 500 || res.status === 429 || res.status === 408) { retryLater(item, res ? Number(res.headers.get('retry-after')) : 0); return 'retry'; }
    if (!res.ok) {
      const key = res.status === 413 ? 'fileTooBig' : res.status === 415 ? 'fileType' : 'fileRefused';
      refuse(item, say(key, item.file.name, key === 'fileTooBig' && fileLimits ? fileSize(fileLimits.maxBytes) : res.status));
      return 'refused';
    }
    const answer = await res.json();
    item.files = [answer.file];
    delete item.file;
    saveOutbox();
    showFiles(item.node, item.files);
    return 'done';
  }

  async function flush() {
    if (flushing) return;
    flushing = true;
    clearTimeout(retryTimer);
    try {
      while (outbox.length) {
        const item = outbox[0];
        const uploaded = await uploadFile(item);
        if (uploaded === 'retry') return;
        if (uploaded === 'refused') { outbox.shift(); saveOutbox(); continue; }
        let res = null;
        try {
          const body = { clientMessageId: item.clientMessageId, text: item.text };
          if (item.action) body.action = item.action;
          if (item.files && item.files.length) body.files = item.files.map((f) => f.id);
          // Due times are told in the person's own time zone.
          try { body.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { /* an old browser: the desk's zone */ }
          res = await fetch('/api/chat/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        } catch (e) { res = null; }
        if (res && res.status === 401) {
          // The session cookie is gone (ended in another tab): take a new one and try again.
          await fetch('/api/chat/session', { method: 'POST' }).catch(() => null);
          res = null;
        }
        if (!res || res.status >= 500 || res.status === 429 || res.status === 408) {
          retryLater(item, res ? Number(res.headers.get('retry-after')) : 0);
          return;
        }
        outbox.shift();
        saveOutbox();
        backoffMs = 1000;
        if (res.ok) {
          markSent(item);
          status.textContent = '';
          const answer = await res.json().catch(() => ({}));
          setMessageId(item.node, answer.messageId);
        }
        else refuse(item, say('refused', res.status));
      }
    } finally {
      flushing = false;
    }
  }

  window.addEventListener('online', () => flush());
`;
