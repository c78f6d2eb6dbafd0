import { TEAMS_TAB_API_PATH } from './teams-tab-api';

/**
 * The personal tab's script. Inside Teams: app.initialize(), the context's locale and theme, then
 * authentication.getAuthToken() and the tickets API with `Authorization: Bearer`. Outside Teams, or when the
 * sign-in fails, it falls back to the bot's signed link (`u`, `e`, `s` in the address) when the page has one.
 * It asks again every `refreshSeconds` while the tab is shown, and at once when it is shown again: the list
 * follows ticket changes within half a minute without an open connection per tab. Text only via textContent.
 */
export const TEAMS_TAB_SCRIPT = `(() => {
  const API = ${JSON.stringify(TEAMS_TAB_API_PATH)};
  const WORDS = {
    en: { title: 'My IT tickets', open: 'Open', recent: 'Recently finished', none: 'No tickets.', loading: 'Loading your tickets…',
      due: 'Expected by', updated: 'Updated', priority: 'Priority', checked: 'Checked at', retry: 'Could not load your tickets; trying again shortly.',
      outside: 'Open this page from the Frontdesk app in Teams, or from the "My tickets" link in the bot\\'s welcome message.',
      signin: 'Teams could not sign you in to the service desk. Open the "My tickets" link in the bot\\'s welcome message instead.',
      link: 'This link is not valid or has expired: ask the bot for your tickets again.' },
    zh: { title: '我的 IT 工单', open: '处理中', recent: '最近完成', none: '没有工单。', loading: '正在加载您的工单…',
      due: '预计', updated: '更新于', priority: '优先级', checked: '查询时间', retry: '无法加载工单，稍后自动重试。',
      outside: '请在 Teams 的 Frontdesk 应用中打开此页面，或打开机器人欢迎消息中的“我的工单”链接。',
      signin: 'Teams 无法为您登录服务台。请改用机器人欢迎消息中的“我的工单”链接。',
      link: '此链接无效或已过期：请再次向机器人查询工单。' },
  };
  const params = new URLSearchParams(location.search);
  const link = params.has('s') ? new URLSearchParams({ u: params.get('u') || '', e: params.get('e') || '', s: params.get('s') || '' }) : null;
  let lang = params.get('l') === 'zh' || (!params.has('l') && /^zh/i.test(navigator.language || '')) ? 'zh' : 'en';
  let auth = null; // () => Promise<RequestInit & { query?: string }>
  let timer = 0;
  let refreshSeconds = 30;
  const $ = (id) => document.getElementById(id);

  function setTheme(theme) {
    document.body.dataset.theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
  }
  function setLang(next) {
    lang = next;
    const w = WORDS[lang];
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = w.title;
    $('title').textContent = w.title;
    $('open-h').textContent = w.open;
    $('recent-h').textContent = w.recent;
  }
  function say(text, bad) {
    const state = $('state');
    state.textContent = text;
    state.className = bad ? 'bad' : '';
  }
  const when = (iso) => new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  function item(t) {
    const w = WORDS[lang];
    const li = document.createElement('li');
    li.dataset.ticket = t.number;
    const head = document.createElement('p');
    const number = document.createElement('strong');
    number.textContent = t.number;
    const status = document.createElement('span');
    status.className = 'status';
    status.textContent = t.status;
    head.append(number, ' · ', status, ' · ' + w.priority + ' ' + t.priority);
    const summary = document.createElement('p');
    summary.className = 'summary';
    summary.textContent = t.summary;
    const next = document.createElement('p');
    next.className = 'next';
    next.textContent = t.next;
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = (t.due ? w.due + ' ' + when(t.due) + ' · ' : '') + w.updated + ' ' + when(t.updatedAt);
    if (t.due) meta.dataset.due = t.due;
    li.append(head, summary, next, meta);
    return li;
  }
  function fill(id, tickets) {
    const list = $(id);
    list.replaceChildren(...tickets.map(item));
    $(id + '-none').hidden = tickets.length > 0;
    $(id + '-none').textContent = WORDS[lang].none;
  }
  function schedule() {
    clearTimeout(timer);
    if (document.visibilityState !== 'hidden') timer = setTimeout(load, refreshSeconds * 1000);
  }
  async function load() {
    clearTimeout(timer);
    try {
      const request = await auth();
      const res = await fetch(API + '?lang=' + lang + (request.query ? '&' + request.query : ''), { headers: request.headers || {}, cache: 'no-store' });
      if (res.status === 401) {
        say(request.query ? WORDS[lang].link : WORDS[lang].signin, true);
        return; // a refused sign-in is not asked again every half minute
      }
      if (!res.ok) throw new Error('HTTP ' + res.status);
      const data = await res.json();
      refreshSeconds = Math.max(10, Number(data.refreshSeconds) || 30);
      fill('open', data.open);
      fill('recent', data.recent);
      $('lists').hidden = false;
      say(WORDS[lang].checked + ' ' + new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { timeStyle: 'short' }).format(new Date()), false);
    } catch (error) {
      say(WORDS[lang].retry, true);
    }
    schedule();
  }
  function useLink() {
    if (!link) return say(WORDS[lang].outside, true);
    auth = async () => ({ query: link.toString() });
    load();
  }
  const withTimeout = (promise, ms) => Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

  async function start() {
    setTheme('default');
    setLang(lang);
    say(WORDS[lang].loading, false);
    document.addEventListener('visibilitychange', () => { if (auth && document.visibilityState === 'visible') load(); });
    // Teams shows tabs in a frame (desktop, web) or a web view with a native bridge (mobile); anything else is a browser.
    const inTeams = typeof microsoftTeams !== 'undefined' && (window.parent !== window || 'nativeInterface' in window);
    if (!inTeams) return useLink();
    try {
      await withTimeout(microsoftTeams.app.initialize(), 8000);
      const context = await microsoftTeams.app.getContext();
      setTheme(context.app && context.app.theme);
      setLang(/^zh/i.test((context.app && context.app.locale) || '') ? 'zh' : 'en');
      say(WORDS[lang].loading, false);
      microsoftTeams.app.registerOnThemeChangeHandler(setTheme);
      // Teams caches the token and renews it before it expires: asking for every request is cheap.
      let token = await microsoftTeams.authentication.getAuthToken();
      auth = async () => {
        token = await microsoftTeams.authentication.getAuthToken().catch(() => token);
        return { headers: { authorization: 'Bearer ' + token } };
      };
      load();
    } catch (error) {
      if (link) return useLink();
      say(WORDS[lang].signin, true);
    }
  }
  start();
})();
`;
