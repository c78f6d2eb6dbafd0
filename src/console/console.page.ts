import { ALERTS_STYLE, AT_RISK_BUTTON, NOTIFY_BOX, PENDING_SECTION, SLA_FILTER } from './console-alerts.page';
import { INCIDENT_SECTION, KB_PICKER, LINKS_STYLE, TAGS_SECTION } from './console-links.page';
import { BULK_BAR, SHORTCUTS_DIALOG, CANNED_PICKER, CANNED_SECTION, EDIT_SECTION, MERGE_SECTION, PRESENCE_LINE, VIEWS_BOX, WORKSPACE_STYLE } from './console-workspace.page';

/** The page icon: a link to /favicon.svg, so browsers do not ask for a missing /favicon.ico. */
export const FAVICON = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';

/**
 * The console's language picker: each language named in its own script, its label ("Console language") in the UI's.
 * Its fixed width (STYLE) keeps the closed picker from measuring its options: an English view then never
 * shapes "中文" and so never loads the CJK font (tens of MB, in every new tab) for its first paint.
 */
const LANGUAGE_PICKER = '<select id="ui-lang"><option value="en" lang="en">English</option><option value="zh" lang="zh-CN">中文</option></select>';

/** Styles shared by the login and console pages. */
const STYLE = `
  * { box-sizing: border-box; }
  body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; background: #f3f4f6; color: #111827; font-size: 15px; }
  header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 10px 16px; background: #1f2937; color: #fff; }
  header h1 { font-size: 1.05rem; margin: 0; flex: 1 1 auto; }
  header a { color: #fff; }
  button, input, textarea, select { font: inherit; }
  #ui-lang { width: 6.5em; }
  button { border: 1px solid #1d4ed8; background: #2563eb; color: #fff; border-radius: 6px; padding: 6px 12px; cursor: pointer; }
  button.secondary { background: #fff; color: #1e3a8a; }
  button:disabled { opacity: .45; cursor: not-allowed; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .layout { display: grid; grid-template-columns: minmax(280px, 30%) 1fr; height: calc(100vh - 48px); }
  nav { border-right: 1px solid #d1d5db; overflow-y: auto; background: #fff; }
  nav h2, main h2 { font-size: 1rem; margin: 12px 14px; }
  #queue { list-style: none; margin: 0; padding: 0; }
  #queue button { display: block; width: 100%; text-align: left; background: #fff; color: #111827; border: 0; border-bottom: 1px solid #e5e7eb; border-radius: 0; padding: 10px 14px; }
  #queue button[aria-current="true"] { background: #dbeafe; }
  .badge { display: inline-block; min-width: 2.2em; text-align: center; border-radius: 4px; padding: 1px 5px; font-weight: 600; font-size: .8rem; background: #e5e7eb; }
  .P1 { background: #b91c1c; color: #fff; } .P2 { background: #c2410c; color: #fff; } .P3 { background: #facc15; }
  .meta { color: #4b5563; font-size: .82rem; }
  .overdue { color: #b91c1c; font-weight: 600; }
  main { overflow-y: auto; padding: 0 18px 24px; }
  section { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
  section h3 { font-size: .95rem; margin: 0 0 8px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
  dt { color: #4b5563; }
  dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; min-width: 0; }
  #transcript { list-style: none; padding: 0; margin: 0; max-height: 45vh; overflow-y: auto; }
  #transcript li { margin: 6px 0; padding: 8px 10px; border-radius: 8px; white-space: pre-wrap; overflow-wrap: anywhere; max-width: 85%; }
  #transcript li.in { background: #eff6ff; }
  #transcript li.out { background: #f9fafb; border: 1px solid #e5e7eb; margin-left: auto; }
  #transcript li.agent { background: #ecfdf5; border-color: #6ee7b7; }
  #transcript .files { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 8px; }
  #transcript .files li { margin: 0; padding: 0; max-width: 100%; }
  #transcript .files a { display: inline-flex; flex-direction: column; gap: 2px; color: #1d4ed8; }
  #transcript .thumb { max-width: 160px; max-height: 120px; border: 1px solid #d1d5db; border-radius: 6px; object-fit: contain; background: #fff; }
  #transcript li.note { background: #fefce8; border: 1px dashed #a16207; margin-left: auto; }
  #filters { padding: 0 14px 8px; }
  #filters .search { display: flex; gap: 6px; }
  #filters .grid { display: grid; grid-template-columns: max-content 1fr; gap: 4px 8px; margin-top: 6px; align-items: center; font-size: .85rem; }
  #filters input[type=search] { flex: 1; min-width: 0; padding: 6px; border: 1px solid #6b7280; border-radius: 6px; }
  #filters select { min-width: 0; }
  .range, .empty { margin: 0 14px 6px; }
  #filters .search label { align-self: center; font-weight: 600; }
  .pager { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 8px 14px; }
  header a { color: #fff; }
  dialog { border: 1px solid #9ca3af; border-radius: 10px; max-width: 360px; width: 90vw; }
  dialog::backdrop { background: rgba(17, 24, 39, .5); }
  .error { color: #b91c1c; }
  .failed { color: #b91c1c; font-weight: 600; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0; }
  form label { display: block; margin: 6px 0 2px; font-weight: 600; }
  textarea, input[type=text], input[type=password] { width: 100%; padding: 8px; border: 1px solid #9ca3af; border-radius: 6px; }
  #action-status { min-height: 1.2em; color: #b91c1c; margin: 0; }
  .columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 0 14px; align-items: start; }
  @media (max-width: 1000px) { .columns { grid-template-columns: 1fr; } }
  #events { margin: 0; padding-left: 18px; font-size: .85rem; overflow-wrap: anywhere; }
  #back { display: none; margin-top: 10px; }
  /* Phones: queue and ticket are stacked views, one at a time; Back (or the browser's back) returns to the queue. */
  @media (max-width: 760px) {
    .layout { display: block; height: auto; }
    nav { border-right: 0; }
    body.ticket-open .layout > nav, body:not(.ticket-open) .layout > main { display: none; }
    #back { display: inline-block; }
    main { padding: 0 10px 24px; }
    section { padding: 8px 10px; }
    #transcript { max-height: 60vh; }
    #transcript li { max-width: 100%; }
  }
`;

/** The login page; `error` selects a fixed message, `next` a ticket number checked by the caller (letters, dash, digits only). */
export function loginPage(error: 'invalid' | 'locked' | null, next: string | null = null): string {
  const message = error === 'locked'
    ? 'Too many failed attempts. This login is locked for 15 minutes.'
    : error === 'invalid' ? 'Wrong login or password.' : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Frontdesk console</title>${FAVICON}<style>${STYLE}
  .login { max-width: 360px; margin: 10vh auto; background: #fff; padding: 24px; border-radius: 10px; border: 1px solid #e5e7eb; }
  .login button { margin-top: 14px; width: 100%; }
  .error { color: #b91c1c; }
</style></head>
<body><main class="login">
  <h1>Frontdesk agent console</h1>
  <label for="ui-lang">Console language</label>
  ${LANGUAGE_PICKER}
  <p class="error" role="alert">${message}</p>
  <form method="post" action="/console/login">
    <label for="login">Login</label>
    <input type="text" id="login" name="login" autocomplete="username" required autofocus maxlength="64">
    <label for="password">Password</label>
    <input type="password" id="password" name="password" autocomplete="current-password" required maxlength="1024">
    ${next ? `<input type="hidden" name="next" value="${next}">` : ''}
    <button type="submit">Sign in</button>
  </form>
</main><script src="/console/i18n.js"></script></body></html>
`;
}

/** The console: queue on the left, ticket view on the right. Static: console.js fills it with textContent only. */
export const CONSOLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Frontdesk console</title>${FAVICON}<style>${STYLE}${WORKSPACE_STYLE}${ALERTS_STYLE}${LINKS_STYLE}</style></head>
<body>
<header>
  <h1>Frontdesk agent console</h1>
  <a id="dashboard-link" href="/console/dashboard" hidden>Dashboard</a>
  <span id="who"></span>
  <a href="/console/approvals" class="header-link">Approvals</a>
  <label for="ui-lang" class="sr">Console language</label>
  ${LANGUAGE_PICKER}
  <button type="button" id="logout" class="secondary">Log out</button>
</header>
<div class="layout">
  <nav aria-labelledby="queue-title">
    <h2 id="queue-title">Queue <span id="queue-count" class="meta"></span></h2>
    <form id="filters" role="search" aria-label="Search and filter tickets">
      <div class="search"><label for="q">Search</label>
        <input type="search" id="q" maxlength="200" placeholder="Number, words, requester, tag:name">
        <button type="submit" class="secondary">Search</button></div>
      <div class="grid">
        <label for="f-status">Status</label><select id="f-status">
          <option value="waiting">Waiting for agents</option><option value="all">All</option><option value="new">New</option>
          <option value="escalated">Waiting for an agent</option><option value="in_progress">In progress</option><option value="open">Open</option>
          <option value="reopened">Reopened</option><option value="pending_user">Waiting for the user</option>
          <option value="resolved">Resolved</option><option value="closed">Closed</option></select>
        <label for="f-priority">Priority</label><select id="f-priority"><option value="">Any</option>
          <option>P1</option><option>P2</option><option>P3</option><option>P4</option><option>P5</option></select>
        <label for="f-group">Group</label><select id="f-group"><option value="">Any of mine</option></select>
        <label for="f-assignee">Assignee</label><select id="f-assignee"><option value="">Anyone</option>
          <option value="mine">Me</option><option value="unassigned">Nobody</option></select>
        <label for="f-sort">Sort by</label><select id="f-sort"><option value="priority">Priority, then due time</option>
          <option value="due">Due time</option><option value="newest">Newest</option><option value="oldest">Oldest</option><option value="updated">Last update</option></select>${SLA_FILTER}
      </div>
    </form>${AT_RISK_BUTTON}${VIEWS_BOX}${NOTIFY_BOX}
    <p id="queue-range" class="meta range" aria-live="polite"></p>
    <ul id="queue" aria-labelledby="queue-title"></ul>
    <p id="queue-empty" class="meta empty" hidden>No tickets waiting.</p>${BULK_BAR}
    <div class="pager"><button type="button" id="prev-page" class="secondary">Previous</button>
      <span id="page-info" class="meta"></span><button type="button" id="next-page" class="secondary">Next</button></div>
  </nav>
  <main aria-labelledby="ticket-title">
    <button type="button" id="back" class="secondary">Back to the queue</button>
    <h2 id="ticket-title" tabindex="-1">Select a ticket</h2>
    <div id="ticket" hidden>
      <div class="toolbar">
        <button type="button" id="takeover">Take over</button>
        <button type="button" id="release" class="secondary">Release</button>
        <button type="button" id="watch" class="secondary">Watch</button>
      </div>
      <p id="watched-by" class="meta"></p>
      <p id="action-status" role="status" aria-live="assertive"></p>
      <p id="ticket-sla" class="sla"></p>
      ${PRESENCE_LINE}
      <div class="columns">
        <div>
          <section aria-labelledby="context-title"><h3 id="context-title">Context from the bot</h3><dl id="context"></dl></section>
          <section aria-labelledby="transcript-title"><h3 id="transcript-title">Conversation</h3>
            <ol id="transcript" tabindex="0" aria-labelledby="transcript-title" aria-live="polite" aria-relevant="additions"></ol>
            <form id="compose">
${CANNED_PICKER}
${KB_PICKER}
              <label for="message">Message to the user, or internal note</label>
              <textarea id="message" rows="3" maxlength="4000"></textarea>
              <div class="toolbar">
                <button type="submit" id="reply">Reply</button>
                <button type="button" id="note" class="secondary">Note</button>
              </div>
            </form>
          </section>
        </div>
        <div>
          <section aria-labelledby="details-title"><h3 id="details-title">Details</h3><dl id="details"></dl></section>
${EDIT_SECTION}
${TAGS_SECTION}
${INCIDENT_SECTION}
${MERGE_SECTION}
${PENDING_SECTION}
          <section aria-labelledby="resolve-title"><h3 id="resolve-title">Resolve</h3>
            <form id="resolve-form">
              <label for="resolution">Resolution (sent to the user)</label><textarea id="resolution" rows="2" maxlength="4000"></textarea>
              <label for="root-cause">Root cause (internal)</label><input type="text" id="root-cause" maxlength="4000">
              <div class="toolbar"><button type="submit" id="resolve">Resolve</button></div>
            </form>
          </section>
          <section aria-labelledby="transfer-title"><h3 id="transfer-title">Transfer</h3>
            <form id="transfer-form">
              <label for="to-group">To group</label><select id="to-group"><option value="">Choose a group</option></select>
              <label for="to-agent">Or to agent</label><select id="to-agent"><option value="">Choose an agent</option></select>
              <div class="toolbar"><button type="submit" id="transfer">Transfer</button></div>
            </form>
          </section>
${CANNED_SECTION}
          <section aria-labelledby="requester-title"><h3 id="requester-title">Requester</h3><dl id="requester"></dl><ul id="watchers"></ul><ul id="history"></ul></section>
          <section aria-labelledby="events-title"><h3 id="events-title">Audit log</h3><ol id="events"></ol></section>
        </div>
      </div>
    </div>
  </main>
</div>
<div id="announce" class="sr" aria-live="polite"></div>
${SHORTCUTS_DIALOG}
<dialog id="reauth" aria-labelledby="reauth-title">
  <form id="reauth-form">
    <h2 id="reauth-title">Your session has ended</h2>
    <p>Sign in again to go on. Your open ticket and your draft are kept.</p>
    <p id="reauth-error" class="error" role="alert"></p>
    <label for="reauth-login">Login</label><input type="text" id="reauth-login" autocomplete="username" required maxlength="64">
    <label for="reauth-password">Password</label><input type="password" id="reauth-password" autocomplete="current-password" required maxlength="1024">
    <div class="toolbar"><button type="submit">Sign in</button></div>
  </form>
</dialog>
<script src="/console/console.js"></script>
</body></html>
`;
