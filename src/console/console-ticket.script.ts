/**
 * The ticket view (a piece of console.js): details, context, requester, audit log, and a transcript that
 * grows in place (new messages appended, delivery states updated) and keeps the agent's scroll position.
 */
export const TICKET_SCRIPT = `
  function describe(item) {
    if (!item || typeof item !== 'object') return String(item);
    return [item.number || item.id, item.status && statusLabel(item.status), item.summary || item.title].filter(Boolean).join(' · ');
  }

  function fill(dl, pairs) {
    dl.textContent = '';
    pairs.forEach(([k, v]) => {
      if (v === undefined || v === null || v === '') return;
      dl.appendChild(el('dt', tr(k)));
      dl.appendChild(el('dd', v));
    });
  }

  function author(m) {
    if (m.internal) return tr('Internal note') + ' · ' + m.agent + ' ' + tr('(not sent to the user)');
    if (m.direction === 'in') return tr('User');
    return m.agent ? tr('Agent') + ' ' + m.agent : tr('Bot');
  }

  function fileSize(bytes) {
    return bytes < 1024 ? bytes + ' B' : bytes < 1048576 ? (bytes / 1024).toFixed(1) + ' KB' : (bytes / 1048576).toFixed(1) + ' MB';
  }

  /** A message's files: a picture as a thumbnail that opens full size, anything else as a download with name and size. */
  function attachmentList(files) {
    const list = el('ul', '', 'files');
    list.setAttribute('aria-label', tr('Attachments'));
    files.forEach((f) => {
      const item = el('li');
      const a = el('a');
      a.href = f.url; a.target = '_blank'; a.rel = 'noopener';
      if ((f.type || '').indexOf('image/') === 0) {
        const img = el('img');
        img.src = f.url; img.alt = f.name; img.loading = 'lazy'; img.className = 'thumb';
        a.setAttribute('aria-label', tr('Open {name} full size', { name: f.name }));
        a.appendChild(img);
      } else a.download = f.name;
      a.appendChild(el('span', f.name + ' (' + fileSize(f.size) + ')'));
      item.appendChild(a);
      list.appendChild(item);
    });
    return list;
  }

  function fillMessage(li, m) {
    li.textContent = '';
    li.className = m.internal ? 'note' : m.direction + (m.agent ? ' agent' : '');
    li.appendChild(el('div', mergedFrom(m) + author(m) + ' · ' + when(m.createdAt), 'meta'));
    li.appendChild(rich(el('div'), m.text));
    if (m.files && m.files.length) li.appendChild(attachmentList(m.files));
    if (m.direction === 'out' && m.delivery && m.delivery !== 'sent') li.appendChild(el('div', tr(m.delivery === 'failed' ? 'Delivery failed' : 'Sending…'), m.delivery === 'failed' ? 'failed' : 'meta'));
  }

  /** Append what is new and refresh delivery states; stay at the bottom only when the agent was there. */
  function showTranscript(messages, fresh) {
    const list = $('transcript');
    if (fresh) list.textContent = '';
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
    const top = list.scrollTop;
    const shown = new Map(Array.from(list.children).map((li) => [li.dataset.id, li]));
    messages.forEach((m) => {
      const key = String(m.id);
      let li = shown.get(key);
      const state = m.direction + ':' + (m.delivery || '');
      if (li && li.dataset.state === state) return;
      if (!li) { li = el('li'); li.dataset.id = key; list.appendChild(li); }
      li.dataset.state = state;
      fillMessage(li, m);
    });
    list.scrollTop = fresh || atBottom ? list.scrollHeight : top;
  }

  function render(view, fresh) {
    const t = view.ticket;
    lastView = view;
    $('ticket').hidden = false;
    $('ticket-title').textContent = t.number + ' · ' + t.summary;
    fill($('details'), [['Status', statusLabel(t.status)], ['Priority', t.priority], ['Type', t.type], ['Category', t.category],
      ['Group', t.group], ['Agent', t.agentId || tr('nobody')], ['Respond by', t.firstResponseAt ? when(t.responseDueAt) : due(t.responseDueAt)],
      ['Resolve by', ['resolved', 'closed'].includes(t.status) ? when(t.resolveDueAt) : due(t.resolveDueAt)],
      ['First response', when(t.firstResponseAt)], ['Opened', when(t.createdAt)], ['Description', t.description]]);
    const c = view.context;
    const why = c && c.priority ? tr('{p} (impact {i}, urgency {u}; 1 is highest)', { p: c.priority.value, i: c.priority.impact, u: c.priority.urgency }) : '';
    fill($('context'), c ? [['Summary', c.summary], ['Hand-off', c.handoff === false ? tr('None: logged for the group queue') : c.reason], ['Priority', why],
      ['Answers', Object.entries(c.answers || {}).map(([k, v]) => k + ': ' + v).join('\\n')],
      ['Classified', c.classification ? c.classification.category + ' / ' + c.classification.type + ' (' + Math.round((c.classification.confidence || 0) * 100) + '%)' : ''],
      ['Articles tried', (c.kbTried || []).map((k) => k.id + (k.helpful === false ? ' (' + tr('not helpful') + ')' : k.helpful ? ' (' + tr('helpful') + ')' : '')).join(', ') || tr('none')],
      ['Similar', Array.isArray(c.similar) ? c.similar.map(describe).join('\\n') : ''],
      ['Earlier tickets', Array.isArray(c.recentTickets) ? c.recentTickets.map(describe).join('\\n') : '']]
      : [['Context', tr('No escalation context recorded.')]]);
    showTranscript(view.transcript, fresh);
    fillCustomer(view);
    const events = $('events');
    events.textContent = '';
    view.events.forEach((e) => events.appendChild(el('li', mergedFrom(e) + eventText(e))));
    fillMerge(view);
    showPresence(t.number, view.presence);
    fillEdit(t, view.can, fresh);
    fillTags(t, view.can);
    fillIncident(view);
    fillWatch(view);
    $('takeover').disabled = !view.can.takeOver || (me && t.agentId === me.id && t.status === 'in_progress');
    ['release', 'resolve'].forEach((id) => { $(id).disabled = !view.can.act; });
    canReply = view.can.act;
    $('reply').disabled = !canReply || sending;
    $('note').disabled = !view.can.note || sending;
    $('transfer').disabled = !view.can.takeOver;
    showSla($('ticket-sla'), t);
    showPending(view);
    markSeen(t.number);
  }
`;
