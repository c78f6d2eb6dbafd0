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
  #kb-box { margin-bottom: 6px; }
  #kb-box summary { cursor: pointer; font-weight: 600; }
  .kb-search { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0; }
  .kb-search label { margin: 0; }
  .kb-search input { flex: 1; min-width: 8em; padding: 6px; border: 1px solid #6b7280; border-radius: 6px; }
  #kb-results { list-style: none; padding: 0; margin: 0; max-height: 40vh; overflow-y: auto; }
  #kb-results > li { border-top: 1px solid #e5e7eb; padding: 4px 0; overflow-wrap: anywhere; }
  #kb-results ul { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 4px; }
  #kb-results ul button { padding: 2px 8px; font-size: .85rem; }
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

/** Above the reply box: search the knowledge base in the agent's language and insert a section with the article's link. */
export const KB_PICKER = `
              <details id="kb-box"><summary>Insert from the knowledge base</summary>
                <div class="kb-search"><label for="kb-q">Search articles</label>
                  <input type="search" id="kb-q" maxlength="200" autocomplete="off">
                  <button type="button" id="kb-search" class="secondary">Find</button></div>
                <p id="kb-status" class="meta" role="status" aria-live="polite"></p>
                <ul id="kb-results" aria-label="Articles found"></ul>
              </details>`;
