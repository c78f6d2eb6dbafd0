/**
 * The customer view (a piece of console.js): the requester's name, e-mail, department, their accounts on
 * each channel, and their earlier tickets as links that open in place (a new tab works too).
 */
export const CUSTOMER_SCRIPT = `
  const CHANNEL_NAMES = { webchat: 'Web chat', slack: 'Slack', teams: 'Teams', email: 'Email', feishu: 'Feishu', wecom: 'WeCom', terminal: 'Terminal' };

  function fillCustomer(view) {
    const r = view.requester || {};
    const channels = (view.identities && view.identities.length ? view.identities : [{ channel: r.channel, handle: null }])
      .map((i) => tr(CHANNEL_NAMES[i.channel] || i.channel) + (i.handle ? ': ' + i.handle : '')).join('\\n');
    fill($('requester'), [['Name', r.name], ['Email', r.email], ['Department', r.department], ['Channels', channels]]);
    const history = $('history');
    history.textContent = '';
    if (view.requesterTickets.length) history.appendChild(el('li', tr('Earlier tickets'), 'meta'));
    view.requesterTickets.forEach((h) => {
      const link = el('a', [h.number, statusLabel(h.status), h.summary].filter(Boolean).join(' · '));
      link.href = '/console/tickets/' + encodeURIComponent(h.number);
      link.addEventListener('click', (e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        openTicket(h.number, true);
      });
      history.appendChild(el('li')).appendChild(link);
    });
  }
`;
