/**
 * Watching a ticket (a piece of console.js): the Watch button and who watches. The notifications count a
 * watched ticket's replies and status changes by others (unreadWhy in console-notify.script.ts).
 */
export const WATCH_SCRIPT = `
  function fillWatch(view) {
    $('watch').textContent = tr(view.watching ? 'Stop watching' : 'Watch');
    $('watch').dataset.watching = String(Boolean(view.watching));
    const names = (view.agentWatchers || []).map((w) => w.name);
    $('watched-by').textContent = names.length ? tr('Watched by: {names}', { names: names.join(', ') }) : '';
  }

  $('watch').addEventListener('click', async () => {
    if (!current) return;
    const number = current;
    const watch = $('watch').dataset.watching !== 'true';
    try {
      const view = await post('/console/api/tickets/' + encodeURIComponent(number) + '/watch', { watch });
      if (number === current) fillWatch(view);
      announce(tr(watch ? 'You watch {number}.' : 'You no longer watch {number}.', { number }));
      loadUnread().catch(() => {});
    } catch (e) { showError(e); }
  });
`;
