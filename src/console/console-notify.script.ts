/**
 * Notifications (a piece of console.js): unread escalations, new replies on my tickets and news on the ones I
 * watch, counted in the tab
 * title, marked on queue rows, and optionally announced by a sound and a desktop notification. Settings and
 * what the agent has seen are kept per agent in this browser (localStorage). Desktop permission is asked
 * for only when the agent ticks the box (browsers allow the question only after a click).
 */
export const NOTIFY_SCRIPT = `
  let notifyPrefs = { title: true, sound: false, desktop: false };
  let seenAt = {};
  let unread = new Map();
  let unreadBefore = null;
  let audio = null;
  const storeKey = (what) => 'frontdesk.console.' + what + '.' + (me ? me.id : '');
  function readStored(what, fallback) {
    try { return JSON.parse(localStorage.getItem(storeKey(what))) || fallback; } catch (e) { return fallback; }
  }
  function keep(what, value) { try { localStorage.setItem(storeKey(what), JSON.stringify(value)); } catch (e) { /* storage off */ } }

  function loadNotify() {
    notifyPrefs = Object.assign({ title: true, sound: false, desktop: false }, readStored('notify', {}));
    seenAt = readStored('seen', {});
    $('notify-title').checked = notifyPrefs.title;
    $('notify-sound').checked = notifyPrefs.sound;
    $('notify-desktop').checked = notifyPrefs.desktop;
  }

  /** Desktop notifications only where the browser allows them: asked once the queue is on screen (a browser call that can take tens of ms). */
  function checkDesktopAllowed() {
    if (!('Notification' in window)) { notifyPrefs.desktop = false; $('notify-desktop').disabled = true; }
    else if (Notification.permission !== 'granted') notifyPrefs.desktop = false;
    $('notify-desktop').checked = notifyPrefs.desktop;
  }

  /** Why ticket t is unread for me: a new escalation I have not opened, or a reply of the user on my ticket. */
  function unreadWhy(t) {
    const seen = seenAt[t.number] || '';
    if (t.status === 'escalated' && !t.agentId && (t.escalatedAt || t.createdAt) > seen) return 'escalation';
    if (me && t.agentId === me.id && t.lastUserAt && t.lastUserAt > seen) return 'reply';
    if (t.watched && t.lastActivityAt && t.lastActivityAt > seen) return 'watch';
    return null;
  }

  function markUnread(button, t) {
    // The open ticket is being read; rows otherwise follow the last count, or the ticket itself before it.
    const why = t.number === current ? null : unread.has(t.number) ? unread.get(t.number).why : unreadWhy(t);
    button.classList.toggle('unread', Boolean(why));
    const old = button.querySelector('.unread-mark');
    if (old) old.remove();
    if (why) button.firstChild.appendChild(el('span', tr(why === 'reply' ? 'New message' : why === 'watch' ? 'Update' : 'New escalation'), 'unread-mark'));
  }

  function showTitle() {
    const base = document.title.replace(/^\\(\\d+\\) /, '');
    document.title = notifyPrefs.title && unread.size ? '(' + unread.size + ') ' + base : base;
  }

  function beep() {
    if (!audio) { const C = window.AudioContext || window.webkitAudioContext; if (!C) return; audio = new C(); }
    wakeAudio();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.08;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.18);
  }

  function tell(fresh) {
    if (notifyPrefs.sound) { try { beep(); } catch (e) { /* no audio device */ } }
    if (!notifyPrefs.desktop || !('Notification' in window) || Notification.permission !== 'granted') return;
    fresh.forEach((t) => {
      const title = t.why === 'reply' ? 'New reply on {number}' : t.why === 'watch' ? 'Update on {number} (watched)' : 'New escalation {number}';
      const n = new Notification(tr(title, { number: t.number }), { body: t.summary, tag: t.number });
      n.onclick = () => { window.focus(); openTicket(t.number, true); };
    });
  }

  /** Fetch new escalations and my tickets (whatever the filters show), count the unread and tell of new ones. */
  async function loadUnread() {
    if (!me) return;
    const [esc, mine, watched] = await Promise.all([api('/console/api/queue?status=escalated&pageSize=200'),
      api('/console/api/queue?assignee=mine&status=all&pageSize=200'), api('/console/api/queue?watching=me&status=all&pageSize=200')]);
    const next = new Map();
    [...esc.tickets, ...mine.tickets, ...watched.tickets].forEach((t) => {
      const why = t.number === current ? null : unreadWhy(t);
      if (why) next.set(t.number, { number: t.number, summary: t.summary, why });
    });
    const fresh = unreadBefore ? [...next.values()].filter((t) => !unreadBefore.has(t.number + t.why)) : [];
    unreadBefore = new Set([...next.values()].map((t) => t.number + t.why));
    unread = next;
    document.querySelectorAll('#queue li').forEach((li) => { const b = li.querySelector('button'); if (b && b.lastTicket) markUnread(b, b.lastTicket); });
    showTitle();
    if (fresh.length) tell(fresh);
  }

  /** The open ticket is seen: its marker goes and the count drops. */
  function markSeen(number) {
    seenAt[number] = new Date().toISOString();
    keep('seen', seenAt);
    if (unread.delete(number)) {
      const b = document.querySelector('#queue button[data-number="' + CSS.escape(number) + '"]');
      if (b && b.lastTicket) markUnread(b, b.lastTicket);
    }
    showTitle();
  }

  // Browsers start audio only after a gesture: the first click or key of the page wakes it when sound is on.
  function wakeAudio() { if (notifyPrefs.sound && audio && audio.state === 'suspended') audio.resume().catch(() => {}); }
  document.addEventListener('pointerdown', wakeAudio);
  document.addEventListener('keydown', wakeAudio);

  function savePrefs(message) {
    keep('notify', notifyPrefs);
    $('notify-status').textContent = message || tr('Saved.');
    showTitle();
  }
  $('notify-title').addEventListener('change', (e) => { notifyPrefs.title = e.target.checked; savePrefs(); });
  $('notify-sound').addEventListener('change', (e) => {
    notifyPrefs.sound = e.target.checked;
    if (notifyPrefs.sound) { try { beep(); } catch (err) { /* no audio device */ } }
    savePrefs();
  });
  $('notify-desktop').addEventListener('change', async (e) => {
    if (!e.target.checked) { notifyPrefs.desktop = false; return savePrefs(); }
    const answer = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    notifyPrefs.desktop = answer === 'granted';
    e.target.checked = notifyPrefs.desktop;
    savePrefs(notifyPrefs.desktop ? null : tr('Desktop notifications are blocked in this browser.'));
  });
`;
