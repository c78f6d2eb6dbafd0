/** Notification settings (under the queue): tab-title count, sound, desktop notifications; kept per agent in this browser. */
export const NOTIFY_BOX = `
    <details id="notify-box"><summary>Notifications</summary>
      <fieldset><legend class="sr">Notify me of new escalations and of replies on my tickets</legend>
        <div class="check"><input type="checkbox" id="notify-title"><label for="notify-title">Count in the browser tab</label></div>
        <div class="check"><input type="checkbox" id="notify-sound"><label for="notify-sound">Sound</label></div>
        <div class="check"><input type="checkbox" id="notify-desktop"><label for="notify-desktop">Desktop notification</label></div>
      </fieldset>
      <p id="notify-status" class="meta" role="status"></p>
    </details>`;

/** The "at risk" quick view and the SLA filter it sets. */
export const SLA_FILTER = `
        <label for="f-sla">SLA</label><select id="f-sla"><option value="">Any</option><option value="at_risk">At risk or breached</option></select>`;

/** Quick view button above the queue. */
export const AT_RISK_BUTTON = `<div class="quick"><button type="button" id="at-risk" class="secondary" aria-pressed="false">At risk</button></div>`;

/** Pending / on hold with a reason, and resume (in the ticket's side column). */
export const PENDING_SECTION = `
          <section aria-labelledby="pending-title"><h3 id="pending-title">Pending / on hold</h3>
            <form id="pending-form">
              <label for="pending-kind">Waiting for</label><select id="pending-kind">
                <option value="user">The user (pending)</option><option value="hold">Someone else (on hold)</option></select>
              <label for="pending-reason">Reason (sent to the user)</label><input type="text" id="pending-reason" maxlength="500">
              <p class="meta">The SLA clocks stop while the ticket waits.</p>
              <div class="toolbar"><button type="submit" id="pending">Set pending</button>
                <button type="button" id="resume" class="secondary">Resume work</button></div>
            </form>
          </section>`;

/** Styles of the SLA countdowns, unread markers and notification settings. */
export const ALERTS_STYLE = `
  .sla { font-size: .82rem; color: #166534; }
  .sla.at-risk { color: #92400e; font-weight: 600; }
  .sla.breached { color: #b91c1c; font-weight: 700; }
  .sla.paused { color: #4b5563; }
  .sla.at-risk::before { content: "▲ "; } .sla.breached::before { content: "● "; }
  .unread-mark { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 9px; background: #1d4ed8; color: #fff; font-size: .75rem; font-weight: 700; }
  #queue button.unread strong { font-weight: 800; }
  #notify-box, .quick { margin: 4px 14px; font-size: .85rem; }
  #notify-box fieldset { border: 0; padding: 0; margin: 4px 0; }
  #notify-box .check { display: flex; gap: 6px; align-items: center; margin: 2px 0; }
  #ticket-sla { margin: 0 0 6px; }
`;
