import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { HttpRouter } from '../../src/http/router';
import { TEAMS_TAB_SCRIPT } from './teams-tab.script';

/** The personal tab's page (the manifest's staticTabs contentUrl). */
export const TEAMS_TAB_PATH = '/teams/tab';
const SCRIPT_PATH = '/teams/tab/tab.js';
/** @microsoft/teams-js served from here: the tab loads nothing from a CDN. */
const TEAMS_JS_PATH = '/teams/tab/teams-js.min.js';

// Where Teams, Outlook and the Microsoft 365 app show tabs; nobody else may frame the page.
const FRAME_ANCESTORS = 'https://teams.microsoft.com https://*.teams.microsoft.com https://teams.cloud.microsoft https://*.cloud.microsoft https://teams.live.com https://*.office.com https://outlook.office365.com https://*.microsoft365.com';
const CSP = `default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors ${FRAME_ANCESTORS}`;
const BASE_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

// Teams' three themes (default, dark, high contrast); text colours keep at least 4.5:1 on their background.
const STYLE = `body{font-family:"Segoe UI",system-ui,"Noto Sans CJK SC",sans-serif;margin:0;padding:1rem 1.25rem;background:#fff;color:#242424}
body[data-theme=dark]{background:#1f1f1f;color:#fff}body[data-theme=contrast]{background:#000;color:#fff}
main{max-width:48rem}h1{font-size:1.4rem;margin:.25rem 0 1rem}h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
ul{padding:0;margin:0}li{list-style:none;border:1px solid #d1d1d1;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0}
body[data-theme=dark] li{border-color:#575757}body[data-theme=contrast] li{border-color:#fff}
li p{margin:.2rem 0}.status{font-weight:600}.next{font-style:italic}
.meta,#state{color:#616161;font-size:.9rem}body[data-theme=dark] .meta,body[data-theme=dark] #state{color:#c7c7c7}
body[data-theme=contrast] .meta,body[data-theme=contrast] #state{color:#fff}
#state.bad{color:#b10e1c}body[data-theme=dark] #state.bad{color:#f9a3a8}body[data-theme=contrast] #state.bad{color:#ffff01}`;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>My IT tickets</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><style>${STYLE}</style></head>
<body data-theme="default"><main>
<h1 id="title">My IT tickets</h1>
<p id="state" role="status" aria-live="polite">Loading… · 加载中…</p>
<div id="lists" hidden>
<section aria-labelledby="open-h"><h2 id="open-h">Open</h2><ul id="open"></ul><p id="open-none" hidden></p></section>
<section aria-labelledby="recent-h"><h2 id="recent-h">Recently finished</h2><ul id="recent"></ul><p id="recent-none" hidden></p></section>
</div>
</main><script src="${TEAMS_JS_PATH}"></script><script src="${SCRIPT_PATH}"></script></body></html>
`;

let teamsJs: Buffer | null = null;

function send(res: ServerResponse, type: string, body: string | Buffer, headers: Record<string, string>): void {
  res.writeHead(200, { ...BASE_HEADERS, 'content-type': type, ...headers });
  res.end(body);
}

/**
 * The "My tickets" personal tab: GET /teams/tab (the page, framed only by Microsoft's hosts), its script and
 * the Teams JavaScript client library from node_modules. The data comes from the tab API (teams-tab-api.ts).
 */
export function mountTabPage(router: HttpRouter): void {
  router.add('GET', TEAMS_TAB_PATH, (_req, res) => send(res, 'text/html; charset=utf-8', PAGE, { 'cache-control': 'no-cache', 'content-security-policy': CSP }));
  router.add('GET', SCRIPT_PATH, (_req, res) => send(res, 'text/javascript; charset=utf-8', TEAMS_TAB_SCRIPT, { 'cache-control': 'no-cache' }));
  router.add('GET', TEAMS_JS_PATH, (_req, res) => {
    // Read on first use: a service without the tab never loads the 200 KB library.
    teamsJs ??= fs.readFileSync(require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'));
    send(res, 'text/javascript; charset=utf-8', teamsJs, { 'cache-control': 'public, max-age=3600' });
  });
}
