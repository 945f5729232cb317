// The admin API over fetch: JSON in and out, the session's CSRF token on every write, one error type.
// A 401 on anything but sign-in means the session is gone (idle timeout, sign-out elsewhere, a restart):
// the console is told through onSessionLost and goes back to the sign-in form.

/** An answer other than 2xx, with the API's error code, message and (for an import) the bad rows. */
export class ApiError extends Error {
  constructor(status, code, message, rows) {
    super(message);
    this.status = status;
    this.code = code;
    this.rows = rows || [];
  }
}

const WRITES = new Set(['POST', 'PUT', 'DELETE']);

/** A client for this origin's /api; onSessionLost() is called on a 401 outside sign-in. */
export function createApi({ onSessionLost }) {
  let csrfToken = null;

  async function request(method, path, { json, text, contentType } = {}) {
    const headers = { Accept: 'application/json' };
    let body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (text !== undefined) {
      headers['Content-Type'] = contentType;
      body = text;
    }
    if (WRITES.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
    if (response.status === 204) return null;
    const data = await response.json().catch(() => null);
    if (response.ok) return data;
    const error = data && data.error ? data.error : {};
    const failure = new ApiError(response.status, error.code || 'http_' + response.status,
      error.message || `the server answered ${response.status}`, error.rows);
    if (response.status === 401 && path !== '/api/auth/login') {
      csrfToken = null;
      onSessionLost(failure);
    }
    throw failure;
  }

  function signedIn(who) {
    csrfToken = who.csrfToken;
    return who.user;
  }

  const kb = (id, action = '') => `/api/admin/kb/${encodeURIComponent(id)}${action}`;

  return {
    login: (email, password) => request('POST', '/api/auth/login', { json: { email, password } }).then(signedIn),
    me: () => request('GET', '/api/auth/me').then(signedIn),
    logout: () => request('POST', '/api/auth/logout').finally(() => { csrfToken = null; }),
    list: (filter) => request('GET', '/api/admin/kb?' + new URLSearchParams(filter)),
    get: (id) => request('GET', kb(id)),
    create: (fields) => request('POST', '/api/admin/kb', { json: fields }),
    update: (id, fields) => request('PUT', kb(id), { json: fields }),
    publish: (id) => request('POST', kb(id, '/publish')),
    archive: (id) => request('POST', kb(id, '/archive')),
    rollback: (id, revision) => request('POST', kb(id, '/rollback'), { json: { revision } }),
    preview: (id, question) => request('POST', kb(id, '/preview'), { json: { question } }),
    experiments: () => request('GET', '/api/admin/experiments'),
    experiment: (id) => request('GET', `/api/admin/experiments/${encodeURIComponent(id)}`),
    createExperiment: (definition) => request('POST', '/api/admin/experiments', { json: definition }),
    startExperiment: (id) => request('POST', `/api/admin/experiments/${encodeURIComponent(id)}/start`),
    stopExperiment: (id, winner) => request('POST', `/api/admin/experiments/${encodeURIComponent(id)}/stop`,
      { json: winner ? { winner } : {} }),
    importFile: (format, text) => request('POST', '/api/admin/kb/import?format=' + format,
      { text, contentType: format === 'csv' ? 'text/csv' : 'application/x-ndjson' }),
  };
}
