// The widget's single entry point: init({...}) wires storage, the websocket client and the DOM.

import { createStore } from './store.js';
import { createConnection } from './connection.js';
import { createView, MAX_TEXT_LENGTH } from './view.js';
import { normalizeLocale } from './i18n.js';

const NOTICE_KEYS = {
  text_too_long: 'error.text_too_long',
  frame_too_large: 'error.text_too_long',
  rate_limited: 'error.rate_limited',
  internal: 'error.internal',
  unavailable: 'error.unavailable',
  missing_field: 'error.missing_field',
  identity_rejected: 'error.identity_rejected',
};
// The server reads no longer token (docs/protocol.md); anything longer is a page bug worth a clear error.
const MAX_IDENTITY_LENGTH = 512;
// Errors about our own frames' shape: a bug to log, not something the shopper can act on.
const SILENT_CODES = new Set(['bad_json', 'binary_not_supported', 'unknown_type', 'not_started', 'already_started']);

// What the page may report with track(); clicks and add-to-carts on cards are reported by the widget itself.
const TRACKED = new Set(['view', 'add_to_cart', 'remove_from_cart', 'purchase']);

function emit(name, detail) {
  window.dispatchEvent(new CustomEvent(`shopchat:${name}`, { detail }));
}

/** The token when it can be one, else null with the reason logged; null and undefined mean anonymous. */
function validIdentity(token, where) {
  if (token === null || token === undefined) return null;
  if (typeof token !== 'string' || !token.trim() || token.length > MAX_IDENTITY_LENGTH) {
    console.error(`[ShopChat] ${where}: the identity must be the token the shop signed (a non-empty string of at most`
      + ` ${MAX_IDENTITY_LENGTH} characters); chatting anonymously`);
    return null;
  }
  return token.trim();
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
 * locale ("en" | "zh"), container (where the widget's root is appended), identity (the shop's signed token for
 * the signed-in shopper, optional), onAddToCart(sku) (optional: the page adds a product card's item to its cart).
 * Returns { open, close, setLocale, identify, signOut, track }.
 */
export function init(options = {}) {
  const locale = validate(options);
  const store = createStore();
  let connection = null;

  function addToCart({ sku, title }) {
    if (typeof options.onAddToCart === 'function') {
      try {
        options.onAddToCart(sku);
      } catch (error) {
        console.error('[ShopChat] the page\'s onAddToCart failed:', error);
      }
    }
    const item = connection.send(view.t('addToCartMessage', { title }).slice(0, MAX_TEXT_LENGTH), `/cart:add:${sku}`);
    view.addPending(item);
  }

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
    onAddToCart: addToCart,
    onCardEvent: (event) => connection.sendEvent(event),
    onContact: (email) => connection.sendContact(email),
    onRate: (rating, comment) => connection.sendRating(rating, comment),
  });

  connection = createConnection({
    wsUrl: options.wsUrl,
    store,
    locale,
    identity: validIdentity(options.identity, 'init'),
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
      shopper: view.setShopper,
      discarded: (ids) => ids.forEach((id) => view.removePending(id)),
      handoff: view.setHandoff,
      contactAck: view.contactAck,
      contactError: view.contactError,
      ratingAck: view.ratingAck,
      ratingError: view.ratingFailed,
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
    /** Signs the shopper in with a fresh token from the shop (or refreshes it); false when it cannot be one. */
    identify(token) {
      const valid = validIdentity(token, 'identify');
      if (!valid) return false;
      connection.setIdentity(valid);
      return true;
    },
    /** Chats on anonymously; the signed-in shopper's conversation stays theirs and is not shown. */
    signOut() {
      connection.setIdentity(null);
    },
    /**
     * Reports what the shopper did on the page (view, add_to_cart, remove_from_cart, purchase) for personal
     * suggestions; sent over the chat's socket once it is open. False when the arguments cannot be an event.
     */
    track(type, sku) {
      if (!TRACKED.has(type) || typeof sku !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(sku)) {
        console.error(`[ShopChat] track: expected one of ${[...TRACKED].join(', ')} and a sku, got ${type}, ${sku}`);
        return false;
      }
      connection.sendEvent({ type, sku });
      return true;
    },
  };
}
