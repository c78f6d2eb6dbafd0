/**
 * "End chat" on the web chat page (a piece of webchat.js). When the desk has just asked how satisfied the
 * user is, the page asks that first (1-5, or skip); then the server forgets the session, the page says
 * goodbye (and whether the ticket stays open) and starts a fresh session, so the next person at a shared
 * computer sees nothing of this conversation.
 */
export const END_SCRIPT = `
  Object.assign(TEXTS, {
    rateQuestion: { en: 'Before you go: how satisfied are you with how {n} was handled? (1 = poor, 5 = excellent)', zh: '离开之前：您对 {n} 的处理满意吗？（1 = 很差，5 = 非常好）' },
    rateSkip: { en: 'Skip and end', zh: '跳过并结束' },
    ended: { en: 'Chat ended. Thank you for contacting the IT service desk.', zh: '对话已结束。感谢您联系 IT 服务台。' },
    endedOpen: { en: 'Chat ended. Thank you for contacting the IT service desk; {n} stays open with us.', zh: '对话已结束。感谢您联系 IT 服务台，{n} 仍在处理中。' },
  });
  const rate = document.getElementById('rate');

  async function endChat(body) {
    const res = await fetch('/api/chat/end', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => null);
    const answer = res && res.ok ? await res.json().catch(() => ({})) : {};
    if (answer.status === 'rate') return askRating(answer.ticket);
    rate.hidden = true;
    if (events) events.close();
    outbox = [];
    saveOutbox();
    log.textContent = '';
    seen.clear();
    ended = true;
    status.textContent = answer.open ? say('endedOpen', answer.ticket) : say('ended');
    await fetch('/api/chat/session', { method: 'POST' }).catch(() => null);
    connect();
  }

  function askRating(ticket) {
    rate.textContent = '';
    const question = document.createElement('p');
    question.id = 'rate-question';
    question.textContent = say('rateQuestion', ticket);
    rate.appendChild(question);
    ['1', '2', '3', '4', '5'].forEach((n) => {
      const b = document.createElement('button');
      b.type = 'button'; b.textContent = n;
      b.addEventListener('click', () => endChat({ rating: Number(n) }));
      rate.appendChild(b);
    });
    const skip = document.createElement('button');
    skip.type = 'button'; skip.textContent = say('rateSkip');
    skip.addEventListener('click', () => endChat({ rating: null }));
    rate.appendChild(skip);
    rate.hidden = false;
    rate.querySelector('button').focus();
  }

  document.getElementById('end').addEventListener('click', () => endChat({}));
`;
