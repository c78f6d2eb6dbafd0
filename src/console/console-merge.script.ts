/**
 * Merging a duplicate (a piece of console.js): the form posts `merge` with the target's number; the ticket
 * view marks what moved over from a merged duplicate and lists the watchers it brought.
 */
export const MERGE_SCRIPT = `
  function fillMerge(view) {
    $('merge').disabled = !view.can.merge;
    const list = $('watchers');
    list.textContent = '';
    (view.watchers || []).forEach((w) => list.appendChild(el('li', tr('Watcher: {who} (from {ticket})', {
      who: [w.name, w.email, w.channel].filter(Boolean).join(' · '), ticket: w.from }))));
  }

  /** The line that tells which merged duplicate a message or an audit line came from. */
  const mergedFrom = (item) => (item.from ? tr('From {ticket}', { ticket: item.from }) + ' · ' : '');

  $('merge-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const into = $('merge-into').value.trim().toUpperCase();
    if (!into) { $('action-status').textContent = tr('Write the number of the ticket to merge into.'); return; }
    const from = current;
    if (await act('merge', { into })) {
      $('merge-into').value = '';
      announce(tr('{ticket} merged into {target}.', { ticket: from, target: into }));
      $('action-status').textContent = tr('{ticket} merged into {target}.', { ticket: from, target: into });
    }
  });
`;
