/** Saved views (a piece of console.js): the agent's named queue searches, opened with one click, saved and deleted. */
export const VIEWS_SCRIPT = `
  function viewQuery() {
    const params = queueParams();
    params.delete('page');
    return params.toString();
  }

  async function loadViews() {
    const { views } = await api('/console/api/views');
    const list = $('views');
    list.textContent = '';
    const now = viewQuery();
    views.forEach((v) => {
      const li = el('li');
      const open = el('button', v.name, 'secondary');
      open.type = 'button';
      open.setAttribute('aria-current', String(v.query === now));
      open.addEventListener('click', () => { readFilters(v.query); filtersChanged(); markViews(); });
      const del = el('button', '×', 'secondary');
      del.type = 'button';
      del.setAttribute('aria-label', tr('Delete view {name}', { name: v.name }));
      del.addEventListener('click', async () => {
        try { await post('/console/api/views/' + v.id + '/delete'); await loadViews(); } catch (e) { showError(e); }
      });
      open.dataset.query = v.query;
      li.appendChild(open);
      li.appendChild(del);
      list.appendChild(li);
    });
    $('views-empty').hidden = views.length > 0;
  }

  function markViews() {
    const now = viewQuery();
    document.querySelectorAll('#views button[data-query]').forEach((b) => b.setAttribute('aria-current', String(b.dataset.query === now)));
  }

  $('save-view').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = $('view-name').value.trim();
    if (!name) return;
    try {
      await post('/console/api/views', { name, query: viewQuery() });
      $('view-name').value = '';
      await loadViews();
      announce(tr('View "{name}" saved.', { name }));
    } catch (err) { showError(err); }
  });
`;
