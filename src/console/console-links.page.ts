/**
 * Pieces of the console page that tie a ticket to other things: its tags, the major incident it belongs to,
 * the knowledge base (a section into the reply) and the agents watching it.
 */
export const LINKS_STYLE = `
  #tags { list-style: none; margin: 0 0 6px; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
  #tags li { display: inline-flex; border: 1px solid #1e3a8a; border-radius: 12px; overflow: hidden; }
  #tags button { border: 0; border-radius: 0; padding: 1px 8px; font-size: .85rem; }
  #tag-form { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
  #tag-form label { margin: 0; }
  #tag-form input { flex: 1; min-width: 6em; }
  .row-tags { color: #1e3a8a; font-size: .8rem; overflow-wrap: anywhere; }
`;

/** The ticket's tags: each a filter of the queue and removable; a field to add more. */
export const TAGS_SECTION = `
          <section aria-labelledby="tags-title"><h3 id="tags-title">Tags</h3>
            <ul id="tags" aria-labelledby="tags-title"></ul>
            <p id="tags-empty" class="meta">No tags yet.</p>
            <form id="tag-form"><label for="tag-input">Add tags</label>
              <input type="text" id="tag-input" maxlength="200" autocomplete="off" aria-describedby="tags-help">
              <button type="submit" id="tag-add" class="secondary">Add</button></form>
            <p id="tags-help" class="meta">Separate tags with spaces or commas. Search the queue with tag:vpn.</p>
          </section>`;

/** The major incident the ticket follows, or a picker of the open ones to link it to. */
export const INCIDENT_SECTION = `
          <section aria-labelledby="incident-title"><h3 id="incident-title">Major incident</h3>
            <p id="incident-linked" hidden></p>
            <form id="incident-form">
              <label for="incident-pick">Link to an open major incident</label>
              <select id="incident-pick"><option value="">Choose a major incident</option></select>
              <p class="meta">The user is told it is a known problem; the ticket is resolved with the incident.</p>
              <div class="toolbar"><button type="submit" id="incident-link">Link</button></div>
            </form>
          </section>`;

/** The bulk bar's row linking the selected tickets to a major incident. */
export const BULK_LINK_ROW = `
      <div class="bulk-row"><label for="bulk-incident">Link to</label><select id="bulk-incident"><option value="">Choose a major incident</option></select>
        <button type="button" id="bulk-link">Link selected</button></div>`;
