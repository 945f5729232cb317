// The admin API over fetch: JSON in and out, the session's CSRF token on every write, one error type.
// A 401 on anything but sign-in means the session is gone (idle timeout, sign-out elsewhere, a restart):
// the console is told through onSessionLost and goes back to the sign-in form.
// Changes to an entry send If-Match with the revision the console loaded ("3"): if someone else changed the entry
// since, the API answers 412 edit_conflict and changes nothing.

/**
 * An answer other than 2xx, with the API's error code, message, (for an import) the bad rows, and the whole error
 * object as details (for an edit conflict, the revision the entry is at now).
 */
export class ApiError extends Error {
  constructor(status, code, message, rows, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.rows = rows || [];
    this.details = details || {};
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A client for this origin's /api; onSessionLost() is called on a 401 outside sign-in. */
export function createApi({ onSessionLost }) {
  let csrfToken = null;

  /** The response when it is 2xx; otherwise throws an ApiError (and reports a lost session). */
  async function send(method, path, { json, text, contentType, revision, accept = 'application/json' } = {}) {
    const headers = { Accept: accept };
    let body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (text !== undefined) {
      headers['Content-Type'] = contentType;
      body = text;
    }
    if (WRITES.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    if (revision !== undefined && revision !== null) headers['If-Match'] = `"${revision}"`;
    const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
    if (response.ok) return response;
    const data = await response.json().catch(() => null);
    const error = data && data.error ? data.error : {};
    const failure = new ApiError(response.status, error.code || 'http_' + response.status,
      error.message || `the server answered ${response.status}`, error.rows, error);
    if (response.status === 401 && path !== '/api/auth/login') {
      csrfToken = null;
      onSessionLost(failure);
    }
    throw failure;
  }

  async function request(method, path, options) {
    const response = await send(method, path, options);
    return response.status === 204 ? null : response.json().catch(() => null);
  }

  /** The export as a file: {blob, name}. */
  async function exportFile(format) {
    const response = await send('GET', '/api/admin/kb/export?format=' + encodeURIComponent(format), { accept: '*/*' });
    const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
    return { blob: await response.blob(), name: named ? named[1] : `knowledge.${format}` };
  }

  function signedIn(who) {
    csrfToken = who.csrfToken;
    return who.user;
  }

  const cannedPath = (id, locale) => `/api/admin/canned/${encodeURIComponent(id)}/${encodeURIComponent(locale)}`;
  const kb = (id, action = '') => `/api/admin/kb/${encodeURIComponent(id)}${action}`;

  return {
    login: (email, password) => request('POST', '/api/auth/login', { json: { email, password } }).then(signedIn),
    me: () => request('GET', '/api/auth/me').then(signedIn),
    logout: () => request('POST', '/api/auth/logout').finally(() => { csrfToken = null; }),
    list: (filter) => request('GET', '/api/admin/kb?' + new URLSearchParams(filter)),
    get: (id) => request('GET', kb(id)),
    create: (fields) => request('POST', '/api/admin/kb', { json: fields }),
    // revision: the one the console loaded, sent as If-Match (a 412 edit_conflict when the entry has moved on).
    update: (id, fields, revision) => request('PUT', kb(id), { json: fields, revision }),
    publish: (id, revision) => request('POST', kb(id, '/publish'), { revision }),
    archive: (id, revision) => request('POST', kb(id, '/archive'), { revision }),
    rollback: (id, to, revision) => request('POST', kb(id, '/rollback'), { json: { revision: to }, revision }),
    preview: (id, question) => request('POST', kb(id, '/preview'), { json: { question } }),
    experiments: () => request('GET', '/api/admin/experiments'),
    experiment: (id) => request('GET', `/api/admin/experiments/${encodeURIComponent(id)}`),
    createExperiment: (definition) => request('POST', '/api/admin/experiments', { json: definition }),
    startExperiment: (id) => request('POST', `/api/admin/experiments/${encodeURIComponent(id)}/start`),
    stopExperiment: (id, winner) => request('POST', `/api/admin/experiments/${encodeURIComponent(id)}/stop`,
      { json: winner ? { winner } : {} }),
    team: () => request('GET', '/api/admin/staff'),
    addMember: (fields) => request('POST', '/api/admin/staff', { json: fields }),
    changeMember: (id, fields) => request('PATCH', `/api/admin/staff/${encodeURIComponent(id)}`, { json: fields }),
    handoffRules: () => request('GET', '/api/admin/handoff-rules'),
    setHandoffRules: (rules) => request('PUT', '/api/admin/handoff-rules', { json: { rules } }),
    canned: () => request('GET', '/api/admin/canned'),
    addCanned: (reply) => request('POST', '/api/admin/canned', { json: reply }),
    changeCanned: (id, locale, fields) => request('PUT', cannedPath(id, locale), { json: fields }),
    deleteCanned: (id, locale) => request('DELETE', cannedPath(id, locale)),
    // Any other admin API call (the learning panel's): path under /api/admin/, JSON body when given.
    admin: (method, path, json) => request(method, '/api/admin/' + path, json === undefined ? {} : { json }),
    exportFile,
    importFile: (format, text) => request('POST', '/api/admin/kb/import?format=' + format,
      { text, contentType: format === 'csv' ? 'text/csv' : 'application/x-ndjson' }),
  };
}
