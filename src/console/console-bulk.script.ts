/**
 * Bulk actions (a piece of console.js): a checkbox on every queue row; with rows selected the agent assigns
 * them to an agent or resolves them in one go. The server answers per ticket: what was refused says why.
 */
export const BULK_SCRIPT = `
  const picked = new Set();

  /** The row's checkbox, made once per row (showRows reuses rows, so the choice survives live updates). */
  function pickBox(li, number) {
    const box = el('input', undefined, 'pick');
    box.type = 'checkbox';
    box.checked = picked.has(number);
    box.setAttribute('aria-label', tr('Select {number}', { number }));
    box.addEventListener('change', () => {
      if (box.checked) picked.add(number); else picked.delete(number);
      showBulk();
    });
    li.insertBefore(box, li.firstChild);
  }

  function showBulk() {
    // Rows gone from the page (another page of the queue, resolved elsewhere) leave the selection.
    const shown = new Set(Array.from(document.querySelectorAll('#queue li')).map((li) => li.dataset.number));
    Array.from(picked).forEach((n) => { if (!shown.has(n)) picked.delete(n); });
    $('bulk').hidden = picked.size === 0;
    $('bulk-count').textContent = tr('{n} selected', { n: picked.size });
  }

  async function bulk(body) {
    $('bulk-status').textContent = '';
    try {
      const { results } = await post('/console/api/bulk', Object.assign({ tickets: Array.from(picked) }, body));
      const failed = results.filter((r) => !r.ok);
      results.filter((r) => r.ok).forEach((r) => picked.delete(r.number));
      document.querySelectorAll('#queue .pick').forEach((b) => { b.checked = picked.has(b.parentNode.dataset.number); });
      $('bulk-status').textContent = [tr('Done: {n}.', { n: results.length - failed.length }),
        failed.length ? tr('Not done: {list}', { list: failed.map((r) => r.number + ' (' + r.error + ')').join('; ') }) : ''].filter(Boolean).join(' ');
      await loadQueue();
      if (current) openTicket(current, false);
      showBulk();
    } catch (e) { $('bulk-status').textContent = e.message; }
  }

  $('bulk-assign').addEventListener('click', () => {
    if (!$('bulk-agent').value) { $('bulk-status').textContent = tr('Choose an agent'); return; }
    bulk({ action: 'assign', toAgent: $('bulk-agent').value });
  });
  $('bulk-resolve').addEventListener('click', () => {
    const resolution = $('bulk-resolution').value.trim();
    if (!resolution) { $('bulk-status').textContent = tr('Write the resolution first.'); return; }
    bulk({ action: 'resolve', resolution }).then(() => { if (picked.size === 0) $('bulk-resolution').value = ''; });
  });
`;
