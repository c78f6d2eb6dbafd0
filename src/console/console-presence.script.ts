/**
 * Collision detection (a piece of console.js): the console tells the server which ticket its agent views
 * and when they type (at most every 3 s), repeats "viewing" every 15 s, says "left" on leaving, and shows
 * the other agents on the ticket from the live channel's `presence` events.
 */
export const PRESENCE_SCRIPT = `
  let presenceTicket = null;
  let lastTyping = 0;

  function showPresence(number, agents) {
    if (number !== current) return;
    const others = (agents || []).filter((a) => !me || a.id !== me.id);
    $('presence').textContent = others.map((a) => tr(a.state === 'typing' ? '{name} is typing…' : '{name} is viewing', { name: a.name })).join(' · ');
    $('presence').hidden = others.length === 0;
  }

  function sendPresence(number, state) {
    return post('/console/api/tickets/' + encodeURIComponent(number) + '/presence', { state })
      .then((r) => showPresence(r.ticket, r.agents)).catch(() => {});
  }

  /** The open ticket changed (or closed: null): leave the old one, announce the new one. */
  function presenceOpened(number) {
    if (presenceTicket === number) return;
    if (presenceTicket) sendPresence(presenceTicket, 'left');
    presenceTicket = number;
    lastTyping = 0;
    $('presence').hidden = true;
    if (number) sendPresence(number, 'viewing');
  }

  setInterval(() => { if (presenceTicket && csrf) sendPresence(presenceTicket, 'viewing'); }, 15000);
  $('message').addEventListener('input', () => {
    const now = Date.now();
    // An emptied box ends a message: the next keystroke starts another and is told at once (to the user too).
    if (!$('message').value) { lastTyping = 0; return; }
    if (!current || now - lastTyping < 3000) return;
    lastTyping = now;
    sendPresence(current, 'typing');
  });
  window.addEventListener('pagehide', () => {
    if (!presenceTicket || !csrf) return;
    fetch('/console/api/tickets/' + encodeURIComponent(presenceTicket) + '/presence', { method: 'POST', keepalive: true, credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ state: 'left' }) }).catch(() => {});
  });
`;
