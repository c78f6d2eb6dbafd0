/**
 * Read state (a piece of webchat.js): the server says up to which of the user's messages an agent has seen
 * (`read` events, also sent when a stream opens); the last such message shows "Seen". Messages carry their
 * stored id: from the POST's answer, the echo to other tabs, or the replayed history.
 */
export const READ_SCRIPT = `
  let readUpTo = 0;

  function showSeen() {
    log.querySelectorAll('.seen').forEach((node) => node.remove());
    if (!readUpTo) return;
    const seenOnes = Array.from(log.querySelectorAll('.msg.user[data-id]')).filter((node) => Number(node.dataset.id) <= readUpTo);
    const last = seenOnes[seenOnes.length - 1];
    if (!last) return;
    // Under the bubble, not inside it: the message's own text stays what the user wrote.
    const mark = document.createElement('div');
    mark.className = 'seen';
    mark.textContent = say('seen');
    last.after(mark);
  }

  /** The stored id of a message shown on the page (it may be seen already). */
  function setMessageId(node, id) {
    if (!node || !id) return;
    node.dataset.id = String(id);
    showSeen();
  }

  function onRead(e) {
    readUpTo = Math.max(readUpTo, Number(JSON.parse(e.data).upTo) || 0);
    showSeen();
  }
`;
