// The websocket client for docs/protocol.md: hello/welcome, replay, resume, the outbox of unechoed
// messages and reconnection with backoff. It knows nothing about the DOM; it reports through `on`.

import { newId } from './store.js';

const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
const JITTER = 0.2;
// A socket that opens but never says welcome is as good as closed.
const WELCOME_TIMEOUT_MS = 10000;
// Fallback in case the replay never reaches the welcome's lastSeq (the outbox must not wait forever).
const REPLAY_TIMEOUT_MS = 5000;
const INTERNAL_RETRY_MS = 3000;
const INTERNAL_RETRIES = 3;
// `unavailable`: the server cannot reach its database (a restart) and stored nothing; the whole outbox is resent in
// order after 1 s, 2 s, 4 s … capped at 15 s, for as long as it takes (the server refuses a message while an earlier
// one of the socket is unstored, so they are stored in the order typed).
const UNAVAILABLE_FIRST_MS = 1000;
const UNAVAILABLE_MAX_MS = 15000;
// The server drops rate-limited frames (and warns only once per window, without a clientMsgId), so after
// a `rate_limited` every unechoed message is resent once the default window has passed.
const RATE_LIMIT_PAUSE_MS = 10000;
// Typing frames count against the server's rate limit, so they are sparse and only sent to a human: while an
// agent holds the chat (docs/handoff.md).
const TYPING_THROTTLE_MS = 2000;
// After a reconnect the server says again where a live handoff stands, just after the replay; a state shown
// before that is not confirmed within this time ended while the socket was away.
const HANDOFF_CONFIRM_MS = 5000;
const HANDOFF_STATES = new Set(['queued', 'assigned', 'ended']);
// The errors that answer a `contact` or `rating` frame (they carry no id: the pending request is the one).
const CONTACT_ERRORS = new Set(['invalid_field', 'not_waiting', 'internal']);
const RATING_ERRORS = new Set(['invalid_field', 'text_too_long', 'nothing_to_rate', 'internal']);
// Behaviour events (card clicks, add-to-cart, the page's track()) wait here until the server acks them; the
// oldest go first when a page piles up more than this while offline.
const MAX_PENDING_EVENTS = 50;
// A server that shuts down says `reconnect`, then closes (1012) once what it is storing is stored. Its shoppers
// come back spread over this window rather than all at once, to another node or to it once restarted; the
// socket is given up if the close does not come in time (a proxy in between may hold it).
const RESTART_MIN_DELAY_MS = 500;
const RESTART_SPREAD_MS = 2500;
const LEAVE_TIMEOUT_MS = 15000;
const OPEN = 1;

/** Delay before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s … capped at 30 s, ±20 % jitter. */
export function backoffDelay(attempt, random = Math.random) {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * Creates the client. `identity` is the shop's signed token for the shopper (or null: anonymous). `on` receives:
 * status(state), reset(), message(frame, {replay}), echoed(clientMsgId), failed(clientMsgId, code), typing(from),
 * error(code, frame), shopper({verified, id?, name?}), discarded(clientMsgIds), handoff(frame | null) (where a
 * handoff stands, docs/handoff.md; null: none, or it ended unseen), contactAck(), contactError(code, message),
 * ratingAck(rating), ratingError(code, message).
 */
export function createConnection({ wsUrl, store, locale, identity = null, on, WebSocketImpl = globalThis.WebSocket }) {
  const state = {
    ws: null,
    started: false,
    attempt: 0,
    retryTimer: null,
    welcomeTimer: null,
    replayTimer: null,
    resendTimer: null,
    everWelcomed: false,
    welcomed: false,
    ready: false,
    // The server said `reconnect`: nothing more is sent on this socket; its close is awaited.
    serverLeaving: false,
    leaveTimer: null,
    replayTarget: 0,
    sentLastSeq: 0,
    // Always 0 on page load: the whole history is re-rendered from the server's replay.
    lastSeq: 0,
    shown: new Set(),
    locale,
    identity,
    // The verified shopper of the last welcome on this page (null: anonymous; undefined: no welcome yet).
    shopperId: undefined,
    // The handoff state last told (queued, assigned, ended) or null; confirmed: told again since the welcome.
    handoffState: null,
    handoffConfirmed: false,
    handoffTimer: null,
    lastTypingAt: 0,
    // The contact / rating frame sent and not answered yet (sent again after a reconnect), or null.
    pendingContact: null,
    pendingRating: null,
    internalRetries: new Map(),
    unavailableTries: 0,
    unavailableTimer: null,
    // id → event, until its event_ack: resent after a reconnect (the server ignores a repeated id).
    events: new Map(),
  };

  function send(frame) {
    if (!state.ws || state.ws.readyState !== OPEN) return false;
    state.ws.send(JSON.stringify(frame));
    return true;
  }

  function sendMessageFrame(item) {
    const frame = { type: 'message', clientMsgId: item.clientMsgId, text: item.text };
    if (item.payload) frame.payload = item.payload;
    return send(frame);
  }

  function connect() {
    clearTimeout(state.retryTimer);
    state.retryTimer = null;
    if (state.ws) return;
    on.status(state.everWelcomed || state.attempt > 0 ? 'reconnecting' : 'connecting');
    let ws;
    try {
      ws = new WebSocketImpl(wsUrl);
    } catch (err) {
      console.error(`[ShopChat] cannot open ${wsUrl}:`, err);
      scheduleReconnect();
      return;
    }
    state.ws = ws;
    ws.onopen = () => {
      if (ws !== state.ws) return;
      sendHello();
      state.welcomeTimer = setTimeout(() => restart(), WELCOME_TIMEOUT_MS);
    };
    ws.onmessage = (event) => {
      if (ws === state.ws) handleFrame(event.data);
    };
    ws.onclose = () => {
      if (ws !== state.ws) return;
      const restarting = state.serverLeaving;
      dropSocket();
      scheduleReconnect(restarting ? restartDelay() : backoffDelay(state.attempt));
    };
    // A close event always follows an error; reconnecting is handled there.
    ws.onerror = () => {};
  }

  function dropSocket() {
    clearTimeout(state.welcomeTimer);
    clearTimeout(state.replayTimer);
    clearTimeout(state.resendTimer);
    clearTimeout(state.unavailableTimer);
    clearTimeout(state.handoffTimer);
    clearTimeout(state.leaveTimer);
    state.ws = null;
    state.welcomed = false;
    state.ready = false;
    state.serverLeaving = false;
  }

  function restartDelay() {
    return RESTART_MIN_DELAY_MS + Math.round(Math.random() * RESTART_SPREAD_MS);
  }

  // Messages typed from now on wait in the outbox (not ready), and echoes still arriving on this socket clear it
  // as usual; after the close, the hello's lastSeq replays what was missed and the outbox is resent with the same
  // clientMsgIds, so nothing is lost or shown twice (docs/protocol.md#reconnect--the-server-is-going-away).
  function onServerLeaving() {
    if (state.serverLeaving) return;
    state.serverLeaving = true;
    state.ready = false;
    clearTimeout(state.replayTimer);
    clearTimeout(state.resendTimer);
    state.leaveTimer = setTimeout(() => restart(restartDelay()), LEAVE_TIMEOUT_MS);
  }

  function scheduleReconnect(delay = backoffDelay(state.attempt)) {
    if (state.retryTimer) return;
    state.attempt += 1;
    on.status(state.everWelcomed || state.attempt > 0 ? 'reconnecting' : 'connecting');
    state.retryTimer = setTimeout(connect, delay);
  }

  /** Drops the current socket (its late frames are ignored) and connects again. */
  function restart(delay) {
    const ws = state.ws;
    dropSocket();
    if (ws) {
      try { ws.close(); } catch { /* already closing */ }
    }
    scheduleReconnect(delay);
  }

  function sendHello() {
    const hello = { type: 'hello', visitorId: store.visitorId(), lastSeq: state.lastSeq, locale: state.locale };
    const conversationId = store.conversationId();
    if (conversationId) hello.conversationId = conversationId;
    if (state.identity) hello.identity = state.identity;
    state.sentLastSeq = state.lastSeq;
    send(hello);
  }

  function handleFrame(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    switch (frame.type) {
      case 'welcome': onWelcome(frame); break;
      case 'reconnect': onServerLeaving(); break;
      case 'message': onMessage(frame); break;
      case 'typing': if (frame.from === 'bot' || frame.from === 'agent') on.typing(frame.from); break;
      case 'error': onError(frame); break;
      case 'event_ack': if (typeof frame.id === 'string') state.events.delete(frame.id); break;
      case 'handoff': onHandoff(frame); break;
      case 'contact_ack':
        if (state.pendingContact) {
          state.pendingContact = null;
          on.contactAck();
        }
        break;
      case 'rating_ack':
        if (state.pendingRating) {
          state.pendingRating = null;
          on.ratingAck(Number.isInteger(frame.rating) ? frame.rating : null);
        }
        break;
      default: break;
    }
  }

  function onWelcome(frame) {
    clearTimeout(state.welcomeTimer);
    state.attempt = 0;
    state.everWelcomed = true;
    state.welcomed = true;
    onShopper(frame.shopper);
    if (!frame.resumed || frame.conversationId !== store.conversationId()) {
      // The server resumed a conversation other than the one shown, but replays only after the seq we sent:
      // start over from 0 so its beginning isn't missing.
      const missedStart = frame.resumed === true && state.sentLastSeq > 0;
      resetConversation(frame.conversationId);
      if (missedStart) {
        restart(0);
        return;
      }
    }
    on.status('online');
    state.handoffConfirmed = false;
    state.replayTarget = Number.isInteger(frame.lastSeq) ? frame.lastSeq : 0;
    if (state.lastSeq >= state.replayTarget) finishReplay();
    else state.replayTimer = setTimeout(finishReplay, REPLAY_TIMEOUT_MS);
  }

  // Messages typed as one signed-in shopper are never sent as another, nor after signing out.
  function onShopper(shopper) {
    const valid = shopper && typeof shopper === 'object' && shopper.verified === true && typeof shopper.id === 'string';
    const shopperId = valid ? shopper.id : null;
    if (typeof state.shopperId === 'string' && state.shopperId !== shopperId) {
      const dropped = store.clearOutbox();
      if (dropped.length) on.discarded(dropped);
    }
    state.shopperId = shopperId;
    on.shopper(valid ? { verified: true, id: shopper.id, name: typeof shopper.name === 'string' ? shopper.name : null }
      : { verified: false });
  }

  function resetConversation(conversationId) {
    state.shown.clear();
    state.lastSeq = 0;
    state.handoffState = null;
    state.pendingContact = null;
    state.pendingRating = null;
    store.setConversationId(conversationId);
    on.reset();
  }

  // Unechoed messages go after the replay so the conversation reads in order.
  function finishReplay() {
    clearTimeout(state.replayTimer);
    if (state.ready || !state.welcomed || state.serverLeaving) return;
    state.ready = true;
    for (const item of store.outbox()) sendMessageFrame(item);
    for (const event of state.events.values()) send({ type: 'event', event });
    if (state.pendingContact) send(state.pendingContact);
    if (state.pendingRating) send(state.pendingRating);
    if (state.handoffState && !state.handoffConfirmed) {
      clearTimeout(state.handoffTimer);
      state.handoffTimer = setTimeout(() => {
        if (state.handoffConfirmed || !state.handoffState) return;
        state.handoffState = null;
        on.handoff(null);
      }, HANDOFF_CONFIRM_MS);
    }
  }

  function onHandoff(frame) {
    if (!HANDOFF_STATES.has(frame.state)) return;
    // An assigned handoff never waits again (only a new one, after an `ended`): a place in the queue read just
    // before the assignment and delivered after it is stale. A reconnect unconfirms the state, so a new socket
    // takes whatever the server says.
    // Only a chat sent back to the queue (its agent was disabled) waits again: that frame says `requeued`.
    if (frame.state === 'queued' && state.handoffState === 'assigned' && state.handoffConfirmed
      && frame.requeued !== true) return;
    state.handoffState = frame.state;
    state.handoffConfirmed = true;
    clearTimeout(state.handoffTimer);
    if (frame.state !== 'queued') state.pendingContact = null;
    // A chat closed before a reload is rated under its own conversation, which the frame names.
    state.ratingConversationId = frame.askRating && typeof frame.conversationId === 'string'
      ? frame.conversationId : null;
    on.handoff(frame);
  }

  function onMessage(frame) {
    const { seq } = frame;
    if (!Number.isInteger(seq) || seq < 1) return;
    const echoId = frame.from === 'shopper' && typeof frame.clientMsgId === 'string' ? frame.clientMsgId : null;
    if (echoId) {
      store.removeFromOutbox(echoId);
      state.internalRetries.delete(echoId);
      state.unavailableTries = 0;
    }
    if (!state.shown.has(seq)) {
      state.shown.add(seq);
      state.lastSeq = Math.max(state.lastSeq, seq);
      on.message(frame, { replay: !state.ready && !state.serverLeaving });
    }
    if (echoId) on.echoed(echoId);
    if (!state.ready && seq >= state.replayTarget) finishReplay();
  }

  function onError(frame) {
    const code = typeof frame.code === 'string' ? frame.code : 'unknown';
    const id = typeof frame.clientMsgId === 'string' ? frame.clientMsgId : null;
    console.warn(`[ShopChat] server error ${code}: ${frame.message || ''}`);
    if (code === 'invalid_event') {
      // A refused event is a bug of the page's track() or ours: logged above, never resent.
      if (typeof frame.id === 'string') state.events.delete(frame.id);
      return;
    }
    if (!id && state.ready && state.pendingContact && CONTACT_ERRORS.has(code)) {
      state.pendingContact = null;
      on.contactError(code, typeof frame.message === 'string' ? frame.message : '');
      return;
    }
    if (!id && state.ready && state.pendingRating && RATING_ERRORS.has(code)) {
      state.pendingRating = null;
      on.ratingError(code, typeof frame.message === 'string' ? frame.message : '');
      return;
    }
    if (code === 'identity_rejected') {
      // The anonymous welcome follows on this socket; the refused token is not sent again.
      state.identity = null;
      on.error(code, frame);
      return;
    }
    if (!state.welcomed) {
      // The hello itself failed; try again later rather than sit on a socket that will never be ready.
      restart();
      return;
    }
    if (code === 'rate_limited') resendAfterPause();
    else if (id && code === 'unavailable') resendWhenBack(id);
    else if (id && code === 'internal') retryLater(id);
    else if (id && store.removeFromOutbox(id)) on.failed(id, code);
    on.error(code, frame);
  }

  function resendAfterPause() {
    clearTimeout(state.resendTimer);
    state.resendTimer = setTimeout(() => {
      if (!state.ready) return;
      for (const item of store.outbox()) sendMessageFrame(item);
      if (state.pendingContact) send(state.pendingContact);
      if (state.pendingRating) send(state.pendingRating);
    }, RATE_LIMIT_PAUSE_MS);
  }

  // One timer for the whole outbox, resent in order; a late bot answer's `unavailable` (its message is echoed) only
  // shows the notice: the server answers by itself once it is back.
  function resendWhenBack(clientMsgId) {
    if (!store.outbox().some((i) => i.clientMsgId === clientMsgId)) return;
    clearTimeout(state.unavailableTimer);
    const delay = Math.min(UNAVAILABLE_MAX_MS, UNAVAILABLE_FIRST_MS * 2 ** Math.min(state.unavailableTries, 4));
    state.unavailableTries += 1;
    state.unavailableTimer = setTimeout(() => {
      if (!state.ready) return;
      for (const item of store.outbox()) sendMessageFrame(item);
    }, delay);
  }

  function retryLater(clientMsgId) {
    const tries = (state.internalRetries.get(clientMsgId) || 0) + 1;
    state.internalRetries.set(clientMsgId, tries);
    if (tries > INTERNAL_RETRIES) return; // stays in the outbox; resent after the next reconnect
    setTimeout(() => {
      const item = store.outbox().find((i) => i.clientMsgId === clientMsgId);
      if (item && state.ready) sendMessageFrame(item);
    }, INTERNAL_RETRY_MS * tries);
  }

  function connectNow() {
    if (!state.started || state.ws) return;
    clearTimeout(state.retryTimer);
    state.retryTimer = null;
    connect();
  }

  return {
    /** Opens the socket (once); later calls do nothing. */
    start() {
      if (state.started) return;
      state.started = true;
      window.addEventListener('online', connectNow);
      connect();
    },

    get started() {
      return state.started;
    },

    /** Queues a shopper message in the outbox and sends it when the socket is ready; returns the item. */
    send(text, payload) {
      const item = { clientMsgId: newId('m'), text };
      if (typeof payload === 'string' && payload) item.payload = payload;
      store.addToOutbox(item);
      if (state.ready) sendMessageFrame(item);
      else if (!state.started) this.start();
      else connectNow(); // the shopper is waiting: don't sit out the backoff
      return item;
    },

    /**
     * Reports a behaviour event ({type, sku, impressionId?}) once the socket is ready, with a fresh id and the
     * time it happened; kept and resent until the server acks it.
     */
    sendEvent({ type, sku, impressionId }) {
      const event = { id: newId('e'), type, sku, at: new Date().toISOString() };
      if (typeof impressionId === 'string' && impressionId) event.impressionId = impressionId;
      state.events.set(event.id, event);
      while (state.events.size > MAX_PENDING_EVENTS) state.events.delete(state.events.keys().next().value);
      if (state.ready) send({ type: 'event', event });
      return event.id;
    },

    /** Tells the agent the shopper is typing: only while one holds the chat, at most once per 2 s. */
    sendTyping() {
      const now = Date.now();
      if (!state.ready || state.handoffState !== 'assigned' || now - state.lastTypingAt < TYPING_THROTTLE_MS) return;
      state.lastTypingAt = now;
      send({ type: 'typing' });
    },

    /** Leaves an email while waiting for a person; answered with on.contactAck or on.contactError. */
    sendContact(email) {
      state.pendingContact = { type: 'contact', email };
      if (state.ready) send(state.pendingContact);
      else connectNow();
    },

    /** Rates the chat an agent closed (1–5, optional comment); answered with on.ratingAck or on.ratingError. */
    sendRating(rating, comment) {
      state.pendingRating = { type: 'rating', rating };
      if (comment) state.pendingRating.comment = comment;
      if (state.ratingConversationId) state.pendingRating.conversationId = state.ratingConversationId;
      if (state.ready) send(state.pendingRating);
      else connectNow();
    },

    /** The identity, like the locale, only travels in hello: a change says hello again on a new socket. */
    setIdentity(token) {
      if (token === state.identity) return;
      state.identity = token;
      if (state.ws) restart(0);
    },

    /** The locale only travels in hello, so a change reconnects (resume makes that lossless). */
    setLocale(next) {
      if (next === state.locale) return;
      state.locale = next;
      if (state.ws) restart(0);
    },
  };
}
