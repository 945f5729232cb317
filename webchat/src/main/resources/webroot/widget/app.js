// The widget's single entry point: init({...}) wires storage, the websocket client and the DOM.

import { createStore } from './store.js';
import { createConnection } from './connection.js';
import { createView } from './view.js';
import { normalizeLocale } from './i18n.js';

const NOTICE_KEYS = {
  text_too_long: 'error.text_too_long',
  frame_too_large: 'error.text_too_long',
  rate_limited: 'error.rate_limited',
  internal: 'error.internal',
  missing_field: 'error.missing_field',
};
// Errors about our own frames' shape: a bug to log, not something the shopper can act on.
const SILENT_CODES = new Set(['bad_json', 'binary_not_supported', 'unknown_type', 'not_started', 'already_started']);

function emit(name, detail) {
  window.dispatchEvent(new CustomEvent(`shopchat:${name}`, { detail }));
}

function validate({ server, wsUrl, locale, container }) {
  let wsProtocol;
  try {
    new URL(server); // eslint-disable-line no-new
    wsProtocol = new URL(wsUrl).protocol;
  } catch {
    throw new TypeError(`[ShopChat] init: "server" and "wsUrl" must be absolute URLs, got ${server} and ${wsUrl}`);
  }
  if (wsProtocol !== 'ws:' && wsProtocol !== 'wss:') {
    throw new TypeError(`[ShopChat] init: "wsUrl" must use ws: or wss:, got ${wsUrl}`);
  }
  if (!(container instanceof Element)) {
    throw new TypeError('[ShopChat] init: "container" must be a DOM element');
  }
  const normalized = normalizeLocale(locale ?? 'en');
  if (!normalized) console.error(`[ShopChat] init: unsupported locale "${locale}", using "en"`);
  return normalized || 'en';
}

/**
 * Starts the widget. Options: server (http(s) origin the widget came from), wsUrl (the chat websocket),
 * locale ("en" | "zh"), container (where the widget's root is appended). Returns { open, close, setLocale }.
 */
export function init(options = {}) {
  const locale = validate(options);
  const store = createStore();
  let connection = null;

  const view = createView({
    container: options.container,
    locale,
    server: options.server,
    onSend: (text, payload) => {
      const item = connection.send(text, payload);
      view.addPending(item);
    },
    onToggle: (open, { restore }) => {
      store.setOpen(open);
      if (open) connection.start();
      if (!restore) emit(open ? 'open' : 'close', {});
    },
    onTyping: () => connection.sendTyping(),
  });

  connection = createConnection({
    wsUrl: options.wsUrl,
    store,
    locale,
    on: {
      status: view.setStatus,
      reset: view.clearMessages,
      message: (message, { replay }) => {
        view.addMessage(message, { replay });
        emit('message', { message, replay });
      },
      echoed: view.removePending,
      failed: view.failPending,
      typing: view.showTyping,
      error: (code) => {
        if (!SILENT_CODES.has(code)) view.showNotice(view.t(NOTICE_KEYS[code] || 'error.generic'));
      },
    },
  });

  const unsent = store.outbox();
  for (const item of unsent) view.addPending(item);
  if (store.isOpen()) view.setOpen(true, { restore: true });
  // Pages where nobody chats open no socket; a returning shopper reconnects at once to get replies.
  if (unsent.length || store.conversationId()) connection.start();

  return {
    open: () => view.setOpen(true),
    close: () => view.setOpen(false),
    setLocale(next) {
      const normalized = normalizeLocale(next);
      if (!normalized) {
        console.error(`[ShopChat] setLocale: unsupported locale "${next}" (use "en" or "zh")`);
        return false;
      }
      view.setLocale(normalized);
      connection.setLocale(normalized);
      return true;
    },
  };
}
