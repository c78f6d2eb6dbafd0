/**
 * Attachments in the web chat page (a piece of webchat.js): a file picked with the paper-clip button,
 * dropped on the chat or pasted (a screenshot) waits beside the message box until Send; it is checked here
 * against the server's limits first (size, type by name), uploaded by the outbox before its message, and
 * shown in the bubble: pictures as thumbnails that open full size, other files as links with name and size.
 */
export const FILES_SCRIPT = `
  let fileLimits = null;
  let attached = null;
  const attachButton = document.getElementById('attach');
  const picker = document.getElementById('file');
  const chip = document.getElementById('attached');
  const fileError = document.getElementById('file-error');
  const FILE_EXT = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf', txt: 'text/plain', log: 'text/plain' };

  function fileSize(bytes) {
    return bytes < 1024 ? bytes + ' B' : bytes < 1048576 ? (bytes / 1024).toFixed(1) + ' KB' : (bytes / 1048576).toFixed(1) + ' MB';
  }

  /** The server's limits, from the session's answer; no limits, no attachments. */
  function setFileLimits(limits) {
    fileLimits = limits && limits.maxBytes ? limits : null;
    attachButton.hidden = !fileLimits;
    if (!fileLimits) return;
    const allowed = (t) => fileLimits.types.some((a) => (a.endsWith('*') ? t.startsWith(a.slice(0, -1)) : t === a));
    picker.accept = Object.keys(FILE_EXT).filter((ext) => allowed(FILE_EXT[ext])).map((ext) => '.' + ext).join(',');
  }

  function showFileError(text) {
    fileError.textContent = text;
  }

  /** Why a file cannot be attached (size, type by its name), or '' when it may be sent. */
  function fileProblem(file) {
    const ext = (file.name.split('.').pop() || '').toLowerCase();
    const type = file.name.includes('.') ? FILE_EXT[ext] : null;
    if (!type || !fileLimits.types.some((a) => (a.endsWith('*') ? type.startsWith(a.slice(0, -1)) : type === a))) return say('fileType', file.name);
    if (file.size > fileLimits.maxBytes) return say('fileTooBig', file.name, fileSize(fileLimits.maxBytes));
    if (file.size === 0) return say('fileEmpty', file.name);
    return '';
  }

  function attach(file) {
    if (!file || !fileLimits) return;
    // A pasted screenshot has a generic name (image.png): a dated one says what it is on the ticket.
    const named = file.name && file.name !== 'image.png' ? file : new File([file], 'screenshot-' + new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-') + '.png', { type: file.type });
    const problem = fileProblem(named);
    showFileError(problem);
    if (problem) return;
    attached = named;
    chip.textContent = '';
    chip.appendChild(document.createTextNode('📎 ' + named.name + ' (' + fileSize(named.size) + ')'));
    const remove = document.createElement('button');
    remove.type = 'button'; remove.className = 'remove'; remove.textContent = '×';
    remove.setAttribute('aria-label', CONTROLS.remove[lang] + ': ' + named.name);
    remove.addEventListener('click', () => { detach(); input.focus(); });
    chip.appendChild(remove);
    chip.hidden = false;
  }

  function detach() {
    attached = null;
    chip.hidden = true;
    chip.textContent = '';
    picker.value = '';
  }

  /** The files of a bubble: uploaded ones link to the server (this session only), pending ones are named. */
  function showFiles(node, files) {
    node.querySelectorAll('.files').forEach((old) => old.remove());
    if (!files || !files.length) return;
    const row = document.createElement('span');
    row.className = 'files';
    files.forEach((f) => {
      const label = f.name + ' (' + fileSize(f.size) + ')';
      if (!f.id) { const s = document.createElement('span'); s.textContent = '📎 ' + label; row.appendChild(s); return; }
      const a = link('', '/api/chat/files/' + encodeURIComponent(f.id));
      if (/^image\\//.test(f.type || '')) {
        const img = document.createElement('img');
        img.src = a.href; img.alt = f.name; img.className = 'thumb';
        a.appendChild(img);
        a.setAttribute('aria-label', CONTROLS.openFull[lang] + ': ' + f.name);
      } else { a.textContent = '📎 ' + label; a.download = f.name; }
      row.appendChild(a);
    });
    const state = node.querySelector('.state');
    node.insertBefore(row, state);
  }

  attachButton.addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => { attach(picker.files && picker.files[0]); input.focus(); });
  document.addEventListener('paste', (e) => {
    const file = Array.from((e.clipboardData && e.clipboardData.files) || [])[0];
    if (!file) return;
    e.preventDefault();
    attach(file);
  });
  const main = document.querySelector('main');
  main.addEventListener('dragover', (e) => { if (fileLimits && e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) { e.preventDefault(); main.classList.add('dropping'); } });
  main.addEventListener('dragleave', (e) => { if (e.target === main || !main.contains(e.relatedTarget)) main.classList.remove('dropping'); });
  main.addEventListener('drop', (e) => {
    main.classList.remove('dropping');
    const file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault();
    attach(file);
  });
`;
