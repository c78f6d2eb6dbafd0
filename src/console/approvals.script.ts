/**
 * The approvals page's script: lists the agent's pending approvals, Approve in one click, Deny with a
 * required reason. Re-reads the list every 20 s and when the tab comes back. Text is built with
 * textContent only (request details are the requester's words).
 */
export const APPROVALS_SCRIPT = `(() => {
  let csrf = '';
  const list = document.getElementById('approvals');
  const intro = document.getElementById('intro');
  const el = (tag, props, ...children) => {
    const node = Object.assign(document.createElement(tag), props || {});
    for (const child of children) node.append(child);
    return node;
  };
  const api = async (path, init) => {
    const res = await fetch(path, Object.assign({ credentials: 'same-origin' }, init));
    if (res.status === 401) { location.href = '/console/login'; throw new Error('login'); }
    return { status: res.status, body: await res.json().catch(() => ({})) };
  };
  const MESSAGES = {
    approved: 'Approved: the requester has been told. / 已批准，并已通知申请人。',
    denied: 'Denied: the requester has been told why. / 已拒绝，并已告知申请人原因。',
    decided_already: 'This request has already been decided. / 此申请已处理。',
    not_yours: 'Only the named approver can decide this request. / 只有指定的审批人可以审批此申请。',
    own_request: "You can't approve your own request. / 不能审批自己的申请。",
    reason_needed: 'Please give a reason. / 请填写原因。',
  };
  function card(a) {
    const status = el('p', { className: 'status', role: 'status' });
    const reasonId = 'reason-' + a.id;
    const reason = el('textarea', { id: reasonId, rows: 2, maxLength: 500 });
    const approve = el('button', { type: 'button', textContent: 'Approve / 批准' });
    const deny = el('button', { type: 'button', className: 'deny', textContent: 'Deny / 拒绝' });
    const details = Object.entries(a.details).map(([k, v]) => k + ': ' + v).join(' · ');
    const article = el('article', { id: 'approval-' + a.id },
      el('h2', { textContent: a.title.en + ' / ' + a.title.zh + ' (' + a.ticket + ')' }),
      el('p', { textContent: a.requester + (details ? ' — ' + details : '') }),
      el('p', { className: 'meta', textContent: 'Asked / 提交于 ' + new Date(a.askedAt).toLocaleString() + ' · goes to the next approver at / 超时转交于 ' + new Date(a.escalateAt).toLocaleString() }),
      el('label', { htmlFor: reasonId, textContent: 'Reason (needed to deny) / 原因（拒绝时必填）' }), reason,
      el('div', { className: 'actions' }, approve, deny), status);
    const decide = async (decision) => {
      if (decision === 'deny' && !reason.value.trim()) { status.textContent = MESSAGES.reason_needed; reason.focus(); return; }
      approve.disabled = deny.disabled = true;
      const { status: code, body } = await api('/console/api/approvals/' + a.id + '/' + decision, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ reason: reason.value }),
      });
      const outcome = body.outcome || '';
      status.textContent = MESSAGES[outcome] || body.detail || ('Error ' + code);
      status.className = 'status' + (outcome === 'approved' || outcome === 'denied' ? ' done' : '');
      if (outcome === 'reason_needed') approve.disabled = deny.disabled = false;
    };
    approve.addEventListener('click', () => decide('approve'));
    deny.addEventListener('click', () => decide('deny'));
    return article;
  }
  async function load() {
    const { body } = await api('/console/api/approvals');
    if (!body.email) { intro.textContent = 'Your account has no work e-mail, so no approvals reach you here. / 您的账号未设置工作邮箱，无法在此审批。'; return; }
    const shown = new Set([...list.children].map((c) => c.id));
    const wanted = new Set(body.approvals.map((a) => 'approval-' + a.id));
    // Decided cards stay until the next visit, with their outcome; new requests are added, nothing is rebuilt.
    for (const a of body.approvals) if (!shown.has('approval-' + a.id)) list.append(card(a));
    const waiting = [...list.children].filter((c) => wanted.has(c.id)).length;
    intro.textContent = waiting === 0 ? 'Nothing waits for your decision. / 暂无待审批的申请。' : waiting + ' waiting for your decision / 项待您审批';
  }
  api('/console/api/me').then(({ body }) => { csrf = body.csrfToken; return load(); });
  setInterval(() => { if (!document.hidden) load(); }, 20000);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) load(); });
})();`;
