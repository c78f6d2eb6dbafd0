/** Keyboard shortcuts (a piece of console.js): "?" lists them, "/" goes to the search; never while typing in a field. */
export const SHORTCUTS_SCRIPT = `
  document.addEventListener('keydown', (e) => {
    const target = e.target;
    const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (typing || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
    if (e.key === '?') { e.preventDefault(); $('shortcuts').showModal(); }
    else if (e.key === '/') { e.preventDefault(); $('q').focus(); }
  });
`;
