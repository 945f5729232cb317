// Browser storage for the widget, every key namespaced `shopchat.`. Storage can be unavailable
// (privacy modes, sandboxed iframes), so each store falls back to memory for the page's life.

const PREFIX = 'shopchat.';
const KEYS = Object.freeze({
  visitorId: `${PREFIX}visitorId`,
  conversationId: `${PREFIX}conversationId`,
  outbox: `${PREFIX}outbox`,
  open: `${PREFIX}open`,
});

/** The id shape the server accepts for visitor, conversation and client message ids. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function memoryStorage() {
  const map = new Map();
  return {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => { map.set(k, String(v)); },
    removeItem: (k) => { map.delete(k); },
  };
}

function usableStorage(name) {
  try {
    const storage = window[name];
    const probe = `${PREFIX}probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return memoryStorage();
  }
}

function randomHex(bytes) {
  const values = new Uint8Array(bytes);
  if (globalThis.crypto?.getRandomValues) {
    globalThis.crypto.getRandomValues(values);
  } else {
    for (let i = 0; i < bytes; i += 1) values[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(values, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fresh id such as `v-<uuid>` or `m-<uuid>`; always matches {@link ID_PATTERN}. */
export function newId(prefix) {
  const uuid = typeof globalThis.crypto?.randomUUID === 'function'
    ? globalThis.crypto.randomUUID()
    : randomHex(16);
  return `${prefix}-${uuid}`;
}

function isOutboxItem(item) {
  return item && typeof item === 'object'
    && typeof item.clientMsgId === 'string' && ID_PATTERN.test(item.clientMsgId)
    && typeof item.text === 'string' && item.text.length > 0
    && (item.payload === undefined || typeof item.payload === 'string');
}

/** The widget's persistent state: visitor, current conversation, unsent messages, panel state. */
export function createStore({
  local = usableStorage('localStorage'),
  session = usableStorage('sessionStorage'),
} = {}) {
  function write(storage, key, value) {
    try {
      if (value === null || value === undefined) storage.removeItem(key);
      else storage.setItem(key, value);
    } catch {
      // Quota or privacy errors: the in-page state still works, it just won't survive a reload.
    }
  }

  // The outbox is re-read before every change so two tabs of the same shop don't overwrite each other.
  function readOutbox() {
    try {
      const parsed = JSON.parse(local.getItem(KEYS.outbox) || '[]');
      return Array.isArray(parsed) ? parsed.filter(isOutboxItem) : [];
    } catch {
      return [];
    }
  }

  function writeOutbox(items) {
    write(local, KEYS.outbox, items.length ? JSON.stringify(items) : null);
  }

  return {
    visitorId() {
      const stored = local.getItem(KEYS.visitorId);
      if (stored && ID_PATTERN.test(stored)) return stored;
      const fresh = newId('v');
      write(local, KEYS.visitorId, fresh);
      return fresh;
    },

    conversationId() {
      const stored = local.getItem(KEYS.conversationId);
      return stored && ID_PATTERN.test(stored) ? stored : null;
    },

    setConversationId(id) {
      write(local, KEYS.conversationId, typeof id === 'string' && ID_PATTERN.test(id) ? id : null);
    },

    outbox: readOutbox,

    addToOutbox(item) {
      const items = readOutbox().filter((i) => i.clientMsgId !== item.clientMsgId);
      items.push(item);
      writeOutbox(items);
    },

    /** Removes one message; true when it was there. */
    removeFromOutbox(clientMsgId) {
      const items = readOutbox();
      const kept = items.filter((i) => i.clientMsgId !== clientMsgId);
      if (kept.length !== items.length) writeOutbox(kept);
      return kept.length !== items.length;
    },

    /** Forgets every unsent message; returns their ids. */
    clearOutbox() {
      const ids = readOutbox().map((i) => i.clientMsgId);
      writeOutbox([]);
      return ids;
    },

    isOpen() {
      return session.getItem(KEYS.open) === '1';
    },

    setOpen(open) {
      write(session, KEYS.open, open ? '1' : null);
    },
  };
}
