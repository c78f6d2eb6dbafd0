/**
 * The console's DOM and wording helpers (a piece of console.js): elements built with textContent only,
 * **bold** as the bot writes it, statuses in words and times with a countdown and the time zone.
 */
export const FORMAT_HELPERS = `
  const $ = (id) => document.getElementById(id);

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function rich(parent, text) {
    // Only **bold** (as the bot writes ticket numbers and agent names) and http(s) addresses (links that
    // tell the other site nothing) are rendered; the rest stays text.
    String(text).split(/(\\*\\*[^*]+\\*\\*|https?:\\/\\/[^\\s<>"']*[^\\s<>"'.,;:!?)\\]])/).forEach((part) => {
      if (/^\\*\\*[^*]+\\*\\*$/.test(part)) parent.appendChild(el('strong', part.slice(2, -2)));
      else if (/^https?:\\/\\/\\S+$/.test(part)) {
        const a = el('a', part);
        a.href = part; a.target = '_blank'; a.rel = 'noopener noreferrer';
        parent.appendChild(a);
      } else parent.appendChild(document.createTextNode(part));
    });
    return parent;
  }

  const STATUS_LABELS = { new: 'New', open: 'Open', pending_user: 'Waiting for the user', escalated: 'Waiting for an agent',
    in_progress: 'In progress', resolved: 'Resolved', closed: 'Closed', reopened: 'Reopened' };
  const statusLabel = (status) => (STATUS_LABELS[status] ? tr(STATUS_LABELS[status]) : status);

  // One formatter for the page: toLocaleString with options builds a new one per call (0.4-0.7 ms each, a
  // queue page of 50 rows spent 20-30 ms on it). The language is fixed for a page's life (a change reloads it).
  let whenFormat = null;
  function when(iso) {
    if (!iso) return '';
    if (!whenFormat) whenFormat = new Intl.DateTimeFormat(uiLang === 'zh' ? 'zh-CN' : 'en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
    return whenFormat.format(new Date(iso));
  }

  function span(ms) {
    const minutes = Math.round(Math.abs(ms) / 60000);
    if (minutes < 60) return tr('{n} min', { n: minutes });
    const hours = Math.floor(minutes / 60);
    return hours < 48 ? tr('{h} h {m} min', { h: hours, m: minutes % 60 }) : tr('{n} days', { n: Math.round(hours / 24) });
  }

  /** "14:30 CET (in 25 min)" or "(overdue by 2 h 5 min)": a due time as an agent reads it. */
  function due(iso) {
    if (!iso) return '';
    const left = Date.parse(iso) - Date.now();
    return when(iso) + ' (' + tr(left >= 0 ? 'in {span}' : 'overdue by {span}', { span: span(left) }) + ')';
  }
`;
