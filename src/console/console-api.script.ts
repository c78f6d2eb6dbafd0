/**
 * The console pages' JSON helpers (console and dashboard). A 401 asks the page's `reauthenticate()` (the
 * console's sign-in dialog) and repeats the request once, so an expired session loses neither the open
 * ticket nor the draft; a page without it (the dashboard) goes to the login page. Every POST carries the
 * session's CSRF token from the page's `csrf` variable, and an Idempotency-Key when the caller gives one.
 */
export const API_HELPERS = `  // The console translates (tr from its language piece); the dashboard shows English.
  const say = (text) => (typeof tr === 'function' ? tr(text) : text);
  async function api(path, options, retried) {
    let res;
    try {
      res = await fetch(path, Object.assign({ credentials: 'same-origin' }, options || {}));
    } catch (e) {
      throw new Error(say('The server cannot be reached: check your connection and try again.'));
    }
    if (res.status === 401) {
      if (typeof reauthenticate !== 'function') { location.href = '/console/login'; throw new Error('logged out'); }
      if (retried) throw new Error(say('Not signed in.'));
      await reauthenticate();
      const again = Object.assign({}, options || {});
      if (again.headers && again.headers['x-csrf-token'] !== undefined) again.headers = Object.assign({}, again.headers, { 'x-csrf-token': csrf });
      return api(path, again, true);
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || ('request failed (' + res.status + ')'));
    return body;
  }

  function post(path, body, idempotencyKey) {
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    return api(path, { method: 'POST', headers, body: JSON.stringify(body || {}) });
  }
`;
