/**
 * Tags (a piece of console.js): shown on the ticket and its queue row, added and removed through the `edit`
 * action (the audit log names the agent); a tag's button lists the queue's tickets with it (`tag:vpn`).
 */
export const TAGS_SCRIPT = `
  function fillTags(t, can) {
    const list = $('tags');
    const tags = t.tags || [];
    list.textContent = '';
    tags.forEach((tag) => {
      const li = el('li');
      const find = el('button', '#' + tag, 'secondary');
      find.type = 'button';
      find.setAttribute('aria-label', tr('Show tickets tagged {tag}', { tag }));
      find.addEventListener('click', () => {
        $('q').value = 'tag:' + tag;
        $('f-status').value = 'all';
        filtersChanged();
        if (window.matchMedia('(max-width: 760px)').matches) closeTicket(true);
      });
      const remove = el('button', '×', 'secondary');
      remove.type = 'button';
      remove.disabled = !can.edit;
      remove.setAttribute('aria-label', tr('Remove tag {tag}', { tag }));
      remove.addEventListener('click', async () => {
        if (await act('edit', { removeTags: [tag] })) announce(tr('Tag {tag} removed.', { tag }));
      });
      li.appendChild(find);
      li.appendChild(remove);
      list.appendChild(li);
    });
    $('tags-empty').hidden = tags.length > 0;
    $('tag-add').disabled = !can.edit;
  }

  /** The tags of a queue row, under its summary. */
  function rowTags(button, t) {
    if (t.tags && t.tags.length) button.appendChild(el('div', t.tags.map((tag) => '#' + tag).join(' '), 'row-tags'));
  }

  $('tag-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const tags = $('tag-input').value.split(/[\\s,，、]+/).map((s) => s.replace(/^#/, '').toLowerCase()).filter(Boolean);
    if (!tags.length) { $('action-status').textContent = tr('Write a tag first.'); $('tag-input').focus(); return; }
    if (await act('edit', { addTags: tags })) {
      $('tag-input').value = '';
      announce(tr('Tags added: {list}', { list: tags.join(', ') }));
    }
  });
`;
