/**
 * Canned responses (a piece of console.js): the shared and personal ones listed, written, changed and
 * deleted; inserted into the reply box at the cursor with {{name}}, {{ticket}} and {{agent}} filled in
 * from the open ticket.
 */
export const CANNED_SCRIPT = `
  let canned = [];
  let editingCanned = '';

  function fillPlaceholders(text) {
    const t = lastView && lastView.ticket;
    const r = (lastView && lastView.requester) || {};
    return text.replace(/\\{\\{\\s*(name|ticket|agent)\\s*\\}\\}/g, (m, k) =>
      k === 'name' ? (r.name || tr('there')) : k === 'ticket' ? (t ? t.number : m) : (me ? me.name : m));
  }

  function cannedLabel(c) {
    return c.title + ' (' + (c.lang === 'zh' ? '中文' : 'English') + ', ' + tr(c.ownerId ? 'personal' : 'shared') + ')';
  }

  function showCanned() {
    const pick = $('canned-pick');
    const chosen = pick.value;
    while (pick.options.length > 1) pick.remove(1);
    const list = $('canned-list');
    list.textContent = '';
    canned.forEach((c) => {
      pick.appendChild(el('option', cannedLabel(c))).value = String(c.id);
      const li = el('li');
      li.appendChild(el('span', cannedLabel(c)));
      const edit = el('button', tr('Edit'), 'secondary');
      edit.type = 'button';
      edit.setAttribute('aria-label', tr('Edit canned response {title}', { title: c.title }));
      edit.addEventListener('click', () => editCanned(c));
      const del = el('button', tr('Delete'), 'secondary');
      del.type = 'button';
      del.setAttribute('aria-label', tr('Delete canned response {title}', { title: c.title }));
      del.addEventListener('click', () => deleteCanned(c));
      li.appendChild(edit);
      li.appendChild(del);
      list.appendChild(li);
    });
    if (canned.some((c) => String(c.id) === chosen)) pick.value = chosen;
    $('canned-empty').hidden = canned.length > 0;
  }

  async function loadCanned() {
    canned = (await api('/console/api/canned')).canned;
    showCanned();
  }

  function resetCannedForm() {
    editingCanned = '';
    $('canned-title-input').value = '';
    $('canned-body').value = '';
    $('canned-lang').value = uiLang;
    $('canned-shared').checked = true;
  }

  function editCanned(c) {
    editingCanned = String(c.id);
    $('canned-title-input').value = c.title;
    $('canned-body').value = c.body;
    $('canned-lang').value = c.lang;
    $('canned-shared').checked = !c.ownerId;
    $('canned-title-input').focus();
  }

  async function deleteCanned(c) {
    try {
      await post('/console/api/canned/' + c.id + '/delete');
      if (editingCanned === String(c.id)) resetCannedForm();
      await loadCanned();
      announce(tr('Canned response deleted.'));
    } catch (e) { showError(e); }
  }

  $('canned-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = editingCanned;
    const body = { title: $('canned-title-input').value.trim(), body: $('canned-body').value.trim(), lang: $('canned-lang').value, shared: $('canned-shared').checked };
    try {
      await post('/console/api/canned' + (id ? '/' + id : ''), body);
      resetCannedForm();
      await loadCanned();
      announce(tr('Canned response saved.'));
    } catch (err) { showError(err); }
  });
  $('canned-new').addEventListener('click', resetCannedForm);

  $('canned-insert').addEventListener('click', () => {
    const c = canned.find((x) => String(x.id) === $('canned-pick').value);
    if (!c || !current) return;
    const box = $('message');
    const text = fillPlaceholders(c.body);
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? start;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + text.length;
    box.dispatchEvent(new Event('input'));
  });
`;
