/** Pending / on hold (a piece of console.js): the owner sets it with a reason (told to the user) and resumes work. */
export const PENDING_SCRIPT = `
  function showPending(view) {
    const pending = view.ticket.status === 'pending_user';
    ['pending', 'pending-reason', 'pending-kind'].forEach((id) => { $(id).disabled = !view.can.act || pending; });
    $('resume').disabled = !view.can.act || !pending;
  }

  $('pending-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const reason = $('pending-reason').value.trim();
    if (!reason) { $('action-status').textContent = tr('Write the reason first.'); $('pending-reason').focus(); return; }
    if (await act('pending', { kind: $('pending-kind').value, reason })) {
      $('pending-reason').value = '';
      announce(tr('{number} is pending.', { number: current }));
    }
  });
  $('resume').addEventListener('click', async () => {
    if (await act('resume', {})) announce(tr('Work on {number} resumed.', { number: current }));
  });
`;
