// The agent API over fetch (docs/handoff.md): JSON in and out, the session's CSRF token on every write, one error
// type. A 401 on anything but sign-in means the session is gone (idle timeout, sign-out elsewhere, a restart): the
// console is told through onSessionLost and goes back to the sign-in form. A request that never got an answer (the
// network, the server restarting) fails with status 0, so a sender can tell "retry" from "refused".

/** An answer other than 2xx (status 0: no answer at all), with the API's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** Whether trying again, unchanged, may work: no answer, or a gateway or server that is (re)starting. */
  get retryable() {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

const WRITES = new Set(['POST', 'PUT', 'DELETE']);

/** A client for this origin's /api; onSessionLost() is called on a 401 outside sign-in. */
export function createApi({ onSessionLost }) {
  let csrfToken = null;

  async function request(method, path, json) {
    const headers = { Accept: 'application/json' };
    let body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    }
    if (WRITES.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    let response;
    try {
      response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
    } catch (failure) {
      throw new ApiError(0, 'network', 'no answer from the server');
    }
    if (response.ok) return response.status === 204 ? null : response.json().catch(() => null);
    const data = await response.json().catch(() => null);
    const error = data && data.error ? data.error : {};
    const failure = new ApiError(response.status, error.code || 'http_' + response.status,
      error.message || `the server answered ${response.status}`);
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

  const conversation = (id, action = '') => `/api/agent/conversations/${encodeURIComponent(id)}${action}`;

  return {
    login: (email, password) => request('POST', '/api/auth/login', { email, password }).then(signedIn),
    me: () => request('GET', '/api/auth/me').then(signedIn),
    logout: () => request('POST', '/api/auth/logout').finally(() => { csrfToken = null; }),
    queue: () => request('GET', '/api/agent/queue'),
    canned: () => request('GET', '/api/agent/canned'),
    presence: (status) => request('POST', '/api/agent/presence', { status }),
    conversation: (id) => request('GET', conversation(id)),
    claim: (id) => request('POST', conversation(id, '/claim')),
    // The same clientMsgId on a resend: the server stores the message once and answers with it again.
    send: (id, clientMsgId, text) => request('POST', conversation(id, '/messages'), { clientMsgId, text }),
    typing: (id) => request('POST', conversation(id, '/typing')),
    note: (id, text) => request('POST', conversation(id, '/notes'), { text }),
    handBack: (id) => request('POST', conversation(id, '/handback')),
    close: (id) => request('POST', conversation(id, '/close')),
  };
}
