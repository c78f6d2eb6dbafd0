import { BULK_LINK_ROW } from './console-links.page';

/**
 * Pieces of the console page for the agent's tools: saved views in the queue's sidebar, who else is on
 * the ticket, the canned-response picker in the reply box, and the canned-response and ticket-edit panels.
 */
export const WORKSPACE_STYLE = `
  #views-box { padding: 0 14px 8px; }
  #views-box h3 { font-size: .9rem; margin: 6px 0; }
  #views { list-style: none; margin: 0 0 6px; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
  #views li { display: inline-flex; gap: 2px; }
  #views button { padding: 2px 8px; font-size: .85rem; }
  #views button[aria-current="true"] { background: #1e3a8a; color: #fff; }
  #save-view { display: flex; flex-wrap: wrap; gap: 6px; align-items: end; font-size: .85rem; }
  #save-view label { margin: 0; font-weight: 600; }
  #save-view input { flex: 1; min-width: 8em; padding: 4px 6px; border: 1px solid #6b7280; border-radius: 6px; }
  #presence { margin: 0 0 6px; padding: 6px 10px; background: #fef3c7; border: 1px solid #92400e; border-radius: 6px; color: #78350f; font-weight: 600; }
  .canned-bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-bottom: 6px; }
  .canned-bar label { margin: 0; }
  .canned-bar select { flex: 1; min-width: 0; }
  #canned-list { list-style: none; padding: 0; margin: 0 0 8px; }
  #canned-list li { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; border-bottom: 1px solid #e5e7eb; padding: 4px 0; }
  #canned-list li span { flex: 1; min-width: 0; overflow-wrap: anywhere; }
  .edit-grid { display: grid; grid-template-columns: max-content 1fr; gap: 4px 8px; align-items: center; }
  .edit-grid label { margin: 0; }
  .check label { display: inline; font-weight: normal; }
  #queue li { display: flex; align-items: stretch; border-bottom: 1px solid #e5e7eb; }
  /* Rows below the fold are not laid out or painted until scrolled near (a first view shows ~9 of 50). */
  #queue li { content-visibility: auto; contain-intrinsic-size: auto 78px; }
  #queue li .pick { margin: 12px 0 0 10px; width: 1.1rem; height: 1.1rem; flex: none; }
  #queue li button { flex: 1; min-width: 0; border-bottom: 0; }
  #bulk { margin: 8px 14px; padding: 8px; border: 1px solid #1e3a8a; border-radius: 8px; background: #eff6ff; font-size: .85rem; }
  #bulk h3 { font-size: .9rem; margin: 0; }
  .bulk-row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 6px; }
  .bulk-row label { margin: 0; font-weight: 600; }
  .bulk-row select, .bulk-row input { flex: 1; min-width: 6em; padding: 4px; border: 1px solid #6b7280; border-radius: 6px; }
`;

/** Saved views, under the queue's filters. */
export const VIEWS_BOX = `
    <div id="views-box">
      <h3 id="views-title">My views</h3>
      <ul id="views" aria-labelledby="views-title"></ul>
      <p id="views-empty" class="meta">No saved views yet.</p>
      <form id="save-view"><label for="view-name">Save this search as</label>
        <input type="text" id="view-name" maxlength="60" required><button type="submit" class="secondary">Save view</button></form>
    </div>`;

/** Who else views or types on the open ticket (filled from the live channel). */
export const PRESENCE_LINE = `<p id="presence" role="status" aria-live="polite" hidden></p>`;

/** The canned-response picker above the reply box. */
export const CANNED_PICKER = `
              <div class="canned-bar"><label for="canned-pick">Canned response</label>
                <select id="canned-pick"><option value="">Choose a canned response</option></select>
                <button type="button" id="canned-insert" class="secondary">Insert</button></div>`;

/** Ticket editing: category, impact and urgency (priority and due times follow), group. */
export const EDIT_SECTION = `
          <section aria-labelledby="edit-title"><h3 id="edit-title">Edit ticket</h3>
            <form id="edit-form"><div class="edit-grid">
              <label for="edit-category">Category</label><select id="edit-category">${['hardware', 'software', 'network', 'account', 'data', 'email', 'security', 'other'].map((c) => `<option value="${c}">${c}</option>`).join('')}</select>
              <label for="edit-impact">Impact</label><select id="edit-impact"><option value="1">1 (highest)</option><option value="2">2</option><option value="3">3 (lowest)</option></select>
              <label for="edit-urgency">Urgency</label><select id="edit-urgency"><option value="1">1 (highest)</option><option value="2">2</option><option value="3">3 (lowest)</option></select>
              <label for="edit-group">Group</label><select id="edit-group"></select>
            </div><div class="toolbar"><button type="submit" id="edit-save">Save changes</button></div></form>
          </section>`;

/** Merge this ticket (a duplicate) into another: the target's number. */
export const MERGE_SECTION = `
          <section aria-labelledby="merge-title"><h3 id="merge-title">Merge duplicate</h3>
            <form id="merge-form">
              <label for="merge-into">Merge this ticket into (ticket number)</label>
              <input type="text" id="merge-into" maxlength="20" autocomplete="off">
              <div class="toolbar"><button type="submit" id="merge">Merge</button></div>
            </form>
          </section>`;

/** Managing canned responses: the list (edit, delete) and the form (new or the one being edited). */
export const CANNED_SECTION = `
          <section aria-labelledby="canned-title"><h3 id="canned-title">Canned responses</h3>
            <ul id="canned-list" aria-labelledby="canned-title"></ul>
            <p id="canned-empty" class="meta">No canned responses yet.</p>
            <form id="canned-form">
              <label for="canned-title-input">Title</label><input type="text" id="canned-title-input" maxlength="100" required>
              <label for="canned-lang">Language</label><select id="canned-lang"><option value="en">English · 英文</option><option value="zh">中文 · Chinese</option></select>
              <label for="canned-body">Text</label><textarea id="canned-body" rows="3" maxlength="4000" required aria-describedby="canned-help"></textarea>
              <p id="canned-help" class="meta">Placeholders: {{name}} (the requester), {{ticket}} (its number), {{agent}} (you).</p>
              <p class="check"><input type="checkbox" id="canned-shared" checked> <label for="canned-shared">Shared with all agents</label></p>
              <div class="toolbar"><button type="submit" id="canned-save">Save canned response</button>
                <button type="button" id="canned-new" class="secondary">New canned response</button></div>
            </form>
          </section>`;

/** Bulk actions on the queue's selected rows (shown once a row is selected). */
export const BULK_BAR = `
    <form id="bulk" aria-labelledby="bulk-title" hidden>
      <h3 id="bulk-title">Bulk actions</h3><p id="bulk-count" class="meta"></p>
      <div class="bulk-row"><label for="bulk-agent">Assign to</label><select id="bulk-agent"><option value="">Choose an agent</option></select>
        <button type="button" id="bulk-assign">Assign</button></div>
      <div class="bulk-row"><label for="bulk-resolution">Resolution</label><input type="text" id="bulk-resolution" maxlength="4000">
        <button type="button" id="bulk-resolve">Resolve selected</button></div>${BULK_LINK_ROW}
    </form>
    <p id="bulk-status" class="meta range" role="status" aria-live="polite"></p>`;

/** The keyboard shortcuts, listed when the agent presses "?". */
export const SHORTCUTS_DIALOG = `
<dialog id="shortcuts" aria-labelledby="shortcuts-title">
  <h2 id="shortcuts-title">Keyboard shortcuts</h2>
  <dl>
    <dt><kbd>Ctrl</kbd> + <kbd>Enter</kbd></dt><dd>Send the reply</dd>
    <dt><kbd>/</kbd></dt><dd>Search the queue</dd>
    <dt><kbd>?</kbd></dt><dd>Show this list</dd>
    <dt><kbd>Esc</kbd></dt><dd>Close this list</dd>
  </dl>
  <form method="dialog"><div class="toolbar"><button type="submit">Close</button></div></form>
</dialog>`;
