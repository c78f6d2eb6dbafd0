/**
 * The knowledge-base picker (a piece of console.js): searches the articles in the agent's console language and
 * inserts the chosen section (its heading, its text, the article's link) into the reply at the cursor.
 */
export const KB_SCRIPT = `
  async function searchKb() {
    const q = $('kb-q').value.trim();
    const list = $('kb-results');
    if (!q) { $('kb-status').textContent = tr('Write what to look for first.'); $('kb-q').focus(); return; }
    try {
      const { articles } = await api('/console/api/kb?' + new URLSearchParams({ q, lang: uiLang }).toString());
      list.textContent = '';
      articles.forEach((a) => {
        const li = el('li');
        const link = el('a', a.title);
        link.href = a.url;
        link.target = '_blank';
        link.rel = 'noopener';
        li.appendChild(link);
        const sections = el('ul');
        a.sections.forEach((s) => {
          const item = el('li');
          const b = el('button', s.heading, 'secondary');
          b.type = 'button';
          b.setAttribute('aria-label', tr('Insert "{section}" from {title}', { section: s.heading, title: a.title }));
          b.addEventListener('click', () => insertIntoReply(s.heading + '\\n' + s.text + '\\n' + a.url));
          item.appendChild(b);
          sections.appendChild(item);
        });
        li.appendChild(sections);
        list.appendChild(li);
      });
      $('kb-status').textContent = articles.length ? tr('{n} articles found.', { n: articles.length }) : tr('No article found.');
    } catch (e) { $('kb-status').textContent = e.message; }
  }

  /** Put text into the reply at the cursor (replacing a selection), keep the draft, and give the box the focus. */
  function insertIntoReply(text) {
    if (!current) return;
    const box = $('message');
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? start;
    const before = box.value.slice(0, start);
    const piece = (before && !before.endsWith('\\n') ? '\\n\\n' : '') + text;
    box.value = before + piece + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + piece.length;
    box.dispatchEvent(new Event('input'));
    announce(tr('Section inserted into the reply.'));
  }

  $('kb-search').addEventListener('click', searchKb);
  $('kb-q').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); searchKb(); } });
`;
