import { CONSOLE_ZH } from './console-catalog';

/**
 * /console/i18n.js: the console's language for the pages without their own script logic for it (sign-in,
 * dashboard, approvals). It follows the agent's choice kept in this browser (the console header's picker,
 * or the sign-in page's), and translates whole texts, placeholders, labels and the title from the same
 * catalog as the console, including what the page's own script adds later.
 */
export const PAGE_I18N_SCRIPT = `(() => {
  const KEY = 'frontdesk.console.lang';
  const ZH = ${JSON.stringify(CONSOLE_ZH)};
  let lang = 'en';
  try { lang = localStorage.getItem(KEY) === 'zh' ? 'zh' : 'en'; } catch (e) { /* storage off: English */ }
  const picker = document.getElementById('ui-lang');
  if (picker) {
    picker.value = lang;
    picker.addEventListener('change', () => {
      try { localStorage.setItem(KEY, picker.value); } catch (e) { /* storage off */ }
      location.reload();
    });
  }
  if (lang !== 'zh') return;
  document.documentElement.lang = 'zh-CN';
  if (lookUp(document.title)) document.title = lookUp(document.title);
  // Texts with a count in them ("{n} days") match their catalog entry as a pattern; {n} stands for digits only.
  const PATTERNS = Object.keys(ZH).filter((k) => /\\{n\\}/.test(k) && !/\\{(?!n\\})\\w+\\}/.test(k)).map((k) => {
    const names = [];
    const source = k.split(/\\{(\\w+)\\}/).map((part, i) => (i % 2 ? (names.push(part), '(\\\\d+)') : part.replace(/[.*+?^$()|[\\]\\\\{}]/g, '\\\\$&'))).join('');
    return { re: new RegExp('^' + source + '$'), names, zh: ZH[k] };
  });
  function lookUp(key) {
    if (Object.prototype.hasOwnProperty.call(ZH, key)) return ZH[key];
    for (const p of PATTERNS) {
      const m = p.re.exec(key);
      if (m) return p.zh.replace(/\\{(\\w+)\\}/g, (x, name) => m[p.names.indexOf(name) + 1] ?? x);
    }
    return null;
  }
  function translateText(node) {
    const key = node.nodeValue.trim();
    const zh = key && lookUp(key);
    if (zh && zh !== key) node.nodeValue = node.nodeValue.replace(key, zh);
  }
  function translate(root) {
    if (root.nodeType === Node.TEXT_NODE) return translateText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) translateText(node);
    [root, ...root.querySelectorAll('[placeholder], [aria-label]')].forEach((el) => {
      ['placeholder', 'aria-label'].forEach((name) => {
        const v = el.getAttribute && el.getAttribute(name);
        const zh = v && lookUp(v);
        if (zh && zh !== v) el.setAttribute(name, zh);
      });
    });
  }
  translate(document.body);
  // The page's own script adds cards and messages later: they are translated as they appear.
  new MutationObserver((changes) => changes.forEach((c) => {
    if (c.type === 'characterData') translateText(c.target);
    else c.addedNodes.forEach(translate);
  })).observe(document.body, { childList: true, subtree: true, characterData: true });
})();
`;
