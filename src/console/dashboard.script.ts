import { API_HELPERS } from './console-api.script';
import { CSV_SCRIPT } from './dashboard-csv.script';

/** The dashboard's script: CSV export of its tables; posts and closes broadcasts with the session's CSRF token, then reloads. No HTML is built from data. */
export const DASHBOARD_SCRIPT = `(() => {
  const $ = (id) => document.getElementById(id);
  let csrf = '';
  const status = (text) => { $('broadcast-status').textContent = text; };

${API_HELPERS}
${CSV_SCRIPT}

  $('broadcast-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const channels = Array.from(form.querySelectorAll('input[name=channel]:checked')).map((i) => i.value);
    const categories = Array.from($('broadcast-categories').selectedOptions).map((o) => o.value);
    const incident = $('broadcast-incident').value.trim().toUpperCase();
    const slackChannels = $('broadcast-slack-channels').value.split(/[\\s,]+/).map((v) => v.replace(/^#/, '')).filter(Boolean);
    try {
      const result = await post('/console/api/broadcasts', { text: $('broadcast-text').value, audience: { channels, categories, slackChannels }, incident: incident || undefined });
      status('Broadcast #' + result.broadcast.id + ' posted to ' + result.audience + ' people' + (result.channels ? ' and ' + result.channels + ' Slack channel(s)' : '') + '.');
      setTimeout(() => location.reload(), 600);
    } catch (error) { status(error.message); }
  });

  document.querySelectorAll('.close-form').forEach((form) => {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const id = form.closest('li').dataset.id;
      try {
        const result = await post('/console/api/broadcasts/' + id + '/close', { note: form.querySelector('input[name=note]').value });
        status('Broadcast #' + id + ' closed; follow-up to ' + result.audience + ' people' + (result.channels ? ' and ' + result.channels + ' Slack channel(s)' : '') + '.');
        setTimeout(() => location.reload(), 600);
      } catch (error) { status(error.message); }
    });
  });

  api('/console/api/me').then((me) => { csrf = me.csrfToken; }).catch((error) => status(error.message));
})();
`;
