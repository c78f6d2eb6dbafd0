import { CONSOLE_ZH } from './console-catalog';

/**
 * The console's languages (a piece of console.js): English as written in the page and scripts, Chinese
 * from this table. The agent picks the language in the header; the choice is kept in this browser.
 * Static labels are translated in place (the English kept to switch back); scripts call tr() for theirs.
 */
export const I18N_SCRIPT = `
  const UI_LANG_KEY = 'frontdesk.console.lang';
  let uiLang = 'en';
  try { uiLang = localStorage.getItem(UI_LANG_KEY) === 'zh' ? 'zh' : 'en'; } catch (e) { /* storage off: English */ }
  const ZH = ${JSON.stringify(CONSOLE_ZH)};

  /** The agent's language for an English text; {name} placeholders filled from vars. */
  function tr(text, vars) {
    const out = uiLang === 'zh' && ZH[text] ? ZH[text] : text;
    return vars ? out.replace(/\\{(\\w+)\\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : out;
  }

  const englishOf = new WeakMap();
  /** Translate the page's static labels (text, placeholder, aria-label) and set its lang attribute. */
  function translatePage() {
    document.documentElement.lang = uiLang === 'zh' ? 'zh-CN' : 'en';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const english = englishOf.get(node) || node.nodeValue;
      const key = english.trim();
      if (!key || !(key in ZH)) continue;
      englishOf.set(node, english);
      node.nodeValue = english.replace(key, tr(key));
    }
    document.querySelectorAll('[placeholder], [aria-label]').forEach((node) => {
      ['placeholder', 'aria-label'].forEach((name) => {
        const english = node.dataset['en' + name.replace('-', '')] || node.getAttribute(name);
        if (!english || !(english in ZH)) return;
        node.dataset['en' + name.replace('-', '')] = english;
        node.setAttribute(name, tr(english));
      });
    });
    $('ui-lang').value = uiLang;
  }

  $('ui-lang').addEventListener('change', () => {
    try { localStorage.setItem(UI_LANG_KEY, $('ui-lang').value); } catch (e) { /* storage off */ }
    // A reload renders everything in the new language; the open ticket and the draft are kept.
    location.reload();
  });
`;
