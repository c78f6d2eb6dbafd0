import { OUTBOX_SCRIPT } from './webchat-outbox.script';
import { END_SCRIPT } from './webchat-end.script';
import { READ_SCRIPT } from './webchat-read.script';
import { FILES_SCRIPT } from './webchat-files.script';

/** The web chat page. Static: user text is only ever inserted with textContent by webchat.js. */
export const WEBCHAT_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>IT Service Desk</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
  body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; background: #f3f4f6; color: #111827; }
  main { max-width: 760px; margin: 0 auto; height: 100vh; display: flex; flex-direction: column; }
  header { padding: 14px 18px; background: #1f2937; color: #fff; display: flex; align-items: center; justify-content: space-between; gap: 12px; }
  #end { background: transparent; color: #fff; border: 1px solid #9ca3af; border-radius: 8px; padding: 6px 12px; cursor: pointer; }
  header h1 { font-size: 1.1rem; margin: 0; }
  #log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 10px; }
  .msg { max-width: 80%; padding: 10px 14px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.4; }
  .user { align-self: flex-end; background: #2563eb; color: #fff; }
  .user a { color: #fff; }
  .bot { align-self: flex-start; background: #fff; border: 1px solid #e5e7eb; }
  .choices { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
  .choices button { border: 1px solid #2563eb; background: #eff6ff; color: #1e40af; border-radius: 16px; padding: 5px 12px; cursor: pointer; }
  .choices button:disabled { background: #f3f4f6; color: #4b5563; border-color: #9ca3af; cursor: default; }
  .choices button[aria-pressed="true"] { background: #1e40af; color: #fff; border-color: #1e40af; }
  :focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
  header :focus-visible { outline-color: #fbbf24; }
  .agent { background: #ecfdf5; border-color: #059669; }
  .pending { border: 2px dashed #1e3a8a; background: #1e40af; }
  .failed { background: #fef2f2; color: #7f1d1d; }
  .state { display: block; font-size: .8rem; margin-top: 4px; }
  .seen { align-self: flex-end; font-size: .8rem; color: #374151; margin: -4px 4px 0; }
  form { display: flex; gap: 8px; padding: 12px; background: #fff; border-top: 1px solid #e5e7eb; }
  #text { flex: 1; padding: 10px; font-size: 1rem; border: 1px solid #d1d5db; border-radius: 8px; }
  #send { padding: 10px 18px; background: #2563eb; color: #fff; border: 0; border-radius: 8px; font-size: 1rem; }
  #rate { padding: 8px 16px; background: #fff; border-top: 1px solid #e5e7eb; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
  #rate[hidden] { display: none; }
  #rate p { flex-basis: 100%; margin: 0 0 4px; }
  #rate button { border: 1px solid #2563eb; background: #eff6ff; color: #1e40af; border-radius: 8px; padding: 6px 12px; min-width: 44px; min-height: 44px; cursor: pointer; }
  .status { font-size: .8rem; color: #374151; padding: 0 16px 6px; min-height: 1em; }
  #attach { min-width: 44px; min-height: 44px; background: #fff; color: #1f2937; border: 1px solid #6b7280; border-radius: 8px; font-size: 1.1rem; cursor: pointer; }
  #attach[hidden], #attached[hidden] { display: none; }
  #attached { display: flex; align-items: center; gap: 8px; margin: 0 12px 6px; padding: 4px 10px; background: #fff; border: 1px solid #d1d5db; border-radius: 16px; align-self: flex-start; overflow-wrap: anywhere; }
  #attached .remove { min-width: 32px; min-height: 32px; border: 0; background: transparent; font-size: 1.2rem; cursor: pointer; color: #374151; }
  #file-error { color: #991b1b; }
  .files { display: flex; flex-direction: column; gap: 4px; margin-top: 6px; }
  .files .thumb { display: block; max-width: 220px; max-height: 160px; border-radius: 8px; background: #fff; }
  main.dropping #log { outline: 3px dashed #1d4ed8; outline-offset: -6px; }
</style>
</head>
<body>
<main>
  <header><h1>IT Service Desk · IT 服务台</h1><button id="end" type="button" title="End the conversation and forget it on this browser · 结束对话并在此浏览器上清除">End chat · 结束对话</button></header>
  <div id="log" role="log" aria-live="polite" aria-label="Conversation · 对话" tabindex="0"></div>
  <div id="rate" role="group" aria-labelledby="rate-question" hidden></div>
  <div class="status" id="typing" aria-live="polite"></div>
  <div class="status" id="status" aria-live="polite"></div>
  <div class="status" id="file-error" role="alert"></div>
  <div id="attached" hidden></div>
  <form id="composer">
    <input id="file" type="file" hidden>
    <button id="attach" type="button" aria-label="Attach a file · 附加文件" title="Attach a file · 附加文件" hidden>📎</button>
    <label for="text" class="visually-hidden" hidden>Message</label>
    <input id="text" name="text" autocomplete="off" maxlength="20000" placeholder="Describe your problem… / 请描述您的问题…" aria-label="Message · 消息">
    <button id="send" type="submit">Send</button>
  </form>
</main>
<script src="/webchat.js"></script>
</body>
</html>
`;

/** The page's script: session, messages through the outbox (OUTBOX_SCRIPT), replies by EventSource, dedupe by event id. */
export const WEBCHAT_SCRIPT = `(() => {
  const log = document.getElementById('log');
  const status = document.getElementById('status');
  const input = document.getElementById('text');
  const seen = new Set();
  let counter = 0;
  // The conversation's language: the browser's at first, then the language the desk last wrote in.
  let lang = /^zh/i.test(navigator.language || '') ? 'zh' : 'en';
  const TEXTS = {
    sending: { en: 'Sending…', zh: '发送中…' },
    retrying: { en: 'Not sent yet: trying again in {n} s', zh: '尚未发送，{n} 秒后重试' },
    refused: { en: 'Not sent ({n}). Please write it again.', zh: '未发送（{n}），请重新输入。' },
    reconnecting: { en: 'Reconnecting…', zh: '正在重新连接…' },
    typing: { en: '{n} is typing…', zh: '{n} 正在输入…' },
    botTyping: { en: 'The assistant is typing…', zh: '助手正在输入…' },
    seen: { en: 'Seen', zh: '已读' },
    uploading: { en: 'Uploading {n}…', zh: '正在上传 {n}…' },
    fileTooBig: { en: '{n} is too big: files up to {m} can be attached.', zh: '{n} 太大：附件不能超过 {m}。' },
    fileType: { en: '{n} cannot be attached: pictures (PNG, JPEG, GIF, WebP), PDF and text files only.', zh: '无法附加 {n}：仅支持图片（PNG、JPEG、GIF、WebP）、PDF 和文本文件。' },
    fileEmpty: { en: '{n} is empty.', zh: '{n} 是空文件。' },
    fileRefused: { en: '{n} was not accepted ({m}).', zh: '{n} 未被接受（{m}）。' },
    fileLost: { en: 'The attachment was lost when the page reloaded: please attach it again.', zh: '页面重新加载后附件丢失，请重新附加。' },
    refusedStream: { en: 'This chat is open in other tabs, or the connection was refused. Trying again in {n} s…', zh: '此对话已在其他标签页中打开，或连接被拒绝。{n} 秒后重试…' },
  };
  const CONTROLS = {
    send: { en: 'Send', zh: '发送' },
    message: { en: 'Message', zh: '消息 · Message' },
    placeholder: { en: 'Describe your problem…', zh: '请描述您的问题…' },
    attach: { en: 'Attach a file (or paste a screenshot)', zh: '附加文件（或粘贴截图）' },
    remove: { en: 'Remove attachment', zh: '移除附件' },
    openFull: { en: 'Open full size', zh: '查看原图' },
  };
  function say(key, n, m) { return TEXTS[key][lang].replace('{n}', String(n)).replace('{m}', String(m)); }

  /** The page speaks the conversation's language: the lang attribute, the controls, the pending notes. */
  function applyLang(next) {
    const changed = next !== lang;
    lang = next;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.getElementById('send').textContent = CONTROLS.send[lang];
    input.placeholder = CONTROLS.placeholder[lang];
    input.setAttribute('aria-label', CONTROLS.message[lang]);
    document.getElementById('attach').setAttribute('aria-label', CONTROLS.attach[lang]);
    document.getElementById('attach').title = CONTROLS.attach[lang];
    if (!changed) return;
    const other = lang === 'zh' ? 'en' : 'zh';
    if (status.textContent === TEXTS.reconnecting[other]) status.textContent = say('reconnecting');
    log.querySelectorAll('.pending .state').forEach((node) => { if (node.textContent === TEXTS.sending[other]) node.textContent = say('sending'); });
    log.querySelectorAll('.seen').forEach((node) => { node.textContent = say('seen'); });
  }

  /** A link that opens in a new tab and tells the other site nothing (no opener, no referrer). */
  function link(label, href) {
    const a = document.createElement('a');
    a.textContent = label; a.href = /^(https?:\\/\\/|\\/(?!\\/))/.test(href) ? href : '#'; a.target = '_blank'; a.rel = 'noopener noreferrer';
    return a;
  }

  function appendText(parent, text) {
    // A little Markdown: **bold**, _note_, \`code\`, [label](web address) and bare http(s) addresses; everything
    // else is plain text through textContent (no HTML from users). Lines keep their breaks: pre-wrap.
    text.split(/(\\*\\*[^*]+\\*\\*|\\[[^\\]]+\\]\\((?:https?:\\/\\/|\\/)[^\\s)"'<>]+\\)|https?:\\/\\/[^\\s<>"']*[^\\s<>"'.,;:!?)\\]]|\`[^\`]+\`|(?:^|\\n)_[^_\\n]+_(?=\\n|$))/).forEach((part) => {
      let m;
      if (/^\\*\\*[^*]+\\*\\*$/.test(part)) { const b = document.createElement('strong'); b.textContent = part.slice(2, -2); parent.appendChild(b); }
      else if ((m = /^\\[([^\\]]+)\\]\\(([^\\s)"'<>]+)\\)$/.exec(part))) parent.appendChild(link(m[1], m[2]));
      else if (/^https?:\\/\\/\\S+$/.test(part)) parent.appendChild(link(part, part)); else if (/^\`[^\`]+\`$/.test(part)) { const c = document.createElement('code'); c.textContent = part.slice(1, -1); parent.appendChild(c); }
      else if ((m = /^(\\n?)_([^_\\n]+)_$/.exec(part))) {
        parent.appendChild(document.createTextNode(m[1])); const e = document.createElement('em'); e.textContent = m[2]; parent.appendChild(e);
      } else parent.appendChild(document.createTextNode(part));
    });
  }

  function bubble(from) {
    const div = document.createElement('div');
    div.className = 'msg ' + from;
    div.dataset.from = from;
    log.appendChild(div);
    // Messages still waiting to be sent stay last, under what the server already has.
    log.querySelectorAll('.pending').forEach((node) => { if (node !== div) log.appendChild(node); });
    log.scrollTop = log.scrollHeight;
    return div;
  }

  /** A question is answered once: after the user's next message its buttons no longer act. */
  function closeChoices() {
    log.querySelectorAll('.choices button').forEach((b) => { b.disabled = true; });
  }

  function showUser(text, id, files) {
    closeChoices();
    const node = bubble('user');
    appendText(node, text);
    showFiles(node, files);
    setMessageId(node, id);
  }

  function showBot(message, eventId) {
    const div = bubble(message.agent ? 'bot agent' : 'bot');
    if (message.text) applyLang(/[\\u3400-\\u9fff]/.test(message.text) ? 'zh' : /[A-Za-z]{3}/.test(message.text) ? 'en' : lang);
    if (message.kind === 'card') { const t = document.createElement('strong'); t.textContent = message.title + '\\n'; div.appendChild(t); }
    appendText(div, message.text);
    (message.fields || []).forEach((f) => appendText(div, '\\n' + (f.label ? f.label + ': ' : '') + (f.value || '')));
    (message.links || []).forEach((l) => {
      div.appendChild(document.createTextNode('\\n'));
      div.appendChild(link(l.label, l.url));
    });
    if (message.choices && message.choices.length) {
      const row = document.createElement('div');
      row.className = 'choices';
      message.choices.forEach((c) => {
        const b = document.createElement('button');
        b.type = 'button'; b.textContent = c.label;
        b.addEventListener('click', () => {
          if (b.disabled) return;
          b.setAttribute('aria-pressed', 'true');
          closeChoices();
          // The id names the question, so the server can ignore a click on one already answered.
          queueMessage(c.label, { id: eventId ? 'choice:' + eventId : 'choice', value: c.value });
        });
        row.appendChild(b);
      });
      div.appendChild(row);
    }
    log.scrollTop = log.scrollHeight;
  }
${READ_SCRIPT}
${FILES_SCRIPT}
${OUTBOX_SCRIPT}
  let events = null;
  let ended = false;
  let lastEventId = 0;
  let streamBackoffMs = 2000;
  let streamTimer = null;
  let typingTimer = null;
  const typing = document.getElementById('typing');

  /** An agent writes to the user (the console sends this at most every 3 s while they type): shown 6 s. */
  function showTyping(name, bot) {
    typing.textContent = bot ? say('botTyping') : name ? say('typing', name) : '';
    clearTimeout(typingTimer);
    // The bot's line stays until its reply (a slow turn under load), at most 30 s.
    if (name || bot) typingTimer = setTimeout(() => { typing.textContent = ''; }, bot ? 30000 : 6000);
  }

  /**
   * The server closed the stream for good (over the per-session cap when the chat is open in many tabs, or
   * an ended session): say so, and try again with backoff from where this tab stopped, with a fresh session.
   */
  function streamRefused() {
    if (events) events.close();
    status.textContent = say('refusedStream', Math.round(streamBackoffMs / 1000));
    clearTimeout(streamTimer);
    streamTimer = setTimeout(() => {
      fetch('/api/chat/session', { method: 'POST' }).then(sessionOpened).catch(() => null).then(connect);
    }, streamBackoffMs);
    streamBackoffMs = Math.min(streamBackoffMs * 2, 30000);
  }

  function connect() {
    clearTimeout(streamTimer);
    events = new EventSource('/api/chat/events' + (lastEventId ? '?after=' + lastEventId : ''));
    events.addEventListener('open', () => {
      streamBackoffMs = 2000;
      if (!ended) status.textContent = '';
      if (seen.size === 0) log.textContent = '';
      outbox.forEach((item) => markPending(item, say('sending')));
      flush();
    });
    events.addEventListener('echo', (e) => {
      const echo = JSON.parse(e.data);
      if (!echo.clientMessageId || !ownIds.has(echo.clientMessageId)) showUser(echo.text, echo.id, echo.files);
    });
    events.addEventListener('message', (e) => {
      if (seen.has(e.lastEventId)) return;
      seen.add(e.lastEventId);
      lastEventId = Math.max(lastEventId, Number(e.lastEventId) || 0);
      const message = JSON.parse(e.data).message;
      showTyping(null);
      showBot(message, e.lastEventId);
    });
    events.addEventListener('read', onRead);
    events.addEventListener('typing', (e) => { const who = JSON.parse(e.data); showTyping(who.name, who.bot); });
    events.addEventListener('error', () => {
      if (events.readyState === EventSource.CLOSED) streamRefused();
      else status.textContent = say('reconnecting');
    });
  }

  document.getElementById('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text && !attached) return;
    input.value = '';
    ended = false;
    closeChoices();
    showFileError('');
    queueMessage(text, null, attached);
    detach();
  });

${END_SCRIPT}
  applyLang(lang);
  loadOutbox();
  outbox.forEach((item) => markPending(item, say('sending')));
  async function sessionOpened(res) {
    const answer = res && res.ok ? await res.json().catch(() => ({})) : {};
    if (answer.files) setFileLimits(answer.files);
  }
  function start() {
    fetch('/api/chat/session', { method: 'POST' }).then(sessionOpened).then(connect).catch(() => {
      status.textContent = say('reconnecting');
      setTimeout(start, 3000);
    });
  }
  start();
})();
`;
