// The open conversation: its whole transcript (the bot's turns with the intent it understood and how sure it was,
// the entities found in the shopper's words), why a person was asked for, the shopper's profile, internal notes,
// knowledge-base suggestions for the shopper's last message, canned replies, and the reply box. The view comes from
// GET /api/agent/conversations/{id}; after that the live channel's frames for it (messages, typing, handoff) keep
// it current, merged by seq so nothing shows twice.
//
// Sending: every message gets a fresh clientMsgId and keeps it through every retry (the network, a restarting
// server): the server stores it once and answers a resend with the same message. A message the server refused is
// shown as not sent, with the reason; one that got no answer can be sent again with its Retry button (and is sent
// again by itself when the live channel comes back).

import { lastOrder } from './canned.js';
import { byTestId, clear, clock, el, say } from '../staff/dom.js';
import { languageText, reasonText } from './queue.js';

const RETRIES = 4;
const TYPING_EVERY_MS = 2000;
const SHOPPER_TYPING_SHOWN_MS = 6000;
const ASSIST_REFRESH_MS = 800;
const FROM = { shopper: 'Shopper', bot: 'Bot' };

const wait = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

function newClientMsgId() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') return `a-${window.crypto.randomUUID()}`;
  return `a-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

function money(cents) {
  return Number.isFinite(cents) ? (cents / 100).toFixed(2) : '?';
}

/**
 * live: the live channel (watch/unwatch); canned: the canned replies; keepWatching(id): whether a chat left for
 * another stays watched (the agent's own chats do, for their unread badges); onChanged() after this console changed
 * a handoff; me(): {id, name} of the signed-in agent.
 */
export function createConversation(api, { live, canned, keepWatching, onChanged, me }) {
  const empty = byTestId('agent-conv-empty');
  const pane = byTestId('agent-conv');
  const context = byTestId('agent-context');
  const title = byTestId('agent-conv-title');
  const meta = byTestId('agent-conv-meta');
  const handoffLine = byTestId('agent-conv-handoff');
  const claimButton = byTestId('agent-conv-claim');
  const handBackButton = byTestId('agent-handback');
  const closeButton = byTestId('agent-close');
  const status = byTestId('agent-conv-status');
  const transcript = byTestId('agent-transcript');
  const typing = byTestId('agent-typing');
  const form = byTestId('agent-reply');
  const input = byTestId('agent-reply-input');
  const sendButton = byTestId('agent-reply-send');
  const hint = byTestId('agent-reply-hint');
  const cannedSelect = byTestId('agent-canned');
  const suggestions = byTestId('agent-suggestions');
  const profile = byTestId('agent-profile');
  const notes = byTestId('agent-notes');
  const noteForm = byTestId('agent-note-form');
  const noteInput = byTestId('agent-note-input');
  const noteStatus = byTestId('agent-note-status');

  let id = null;
  let view = null;
  let messages = new Map(); // seq → message frame
  const outboxes = new Map(); // conversation id → [{clientMsgId, text, state, error, retryable}]
  const drafts = new Map(); // conversation id → what was in the reply box when the agent went to another chat
  let generation = 0;
  let lastTypingSent = 0;
  let typingTimer = null;
  let assistTimer = null;
  let cannedLocale = null;

  const outbox = (conversationId) => {
    if (!outboxes.has(conversationId)) outboxes.set(conversationId, []);
    return outboxes.get(conversationId);
  };

  function holding() {
    const h = view && view.handoff;
    const mine = me();
    return !!(h && h.state === 'assigned' && h.agent && mine && h.agent.id === mine.id);
  }

  // ---- loading and merging ----

  async function load() {
    // Nothing open (signed out meanwhile, say): a timer's late reload must not ask for conversation "null".
    if (!id) return;
    const mine = ++generation;
    const loading = id;
    try {
      const answer = await api.conversation(loading);
      if (mine !== generation || loading !== id) return;
      view = answer;
      for (const m of answer.messages || []) {
        if (Number.isInteger(m.seq)) messages.set(m.seq, m);
      }
      // A loading error is over; what an action just said ("Handed back: …") stays.
      if (status.dataset.kind === 'error') say(status, '');
      render();
    } catch (error) {
      if (mine !== generation || loading !== id) return;
      if (error.status !== 401) say(status, `Could not load this chat: ${error.message}`, 'error');
    }
  }

  function addMessage(frame) {
    if (!Number.isInteger(frame.seq)) return;
    const known = messages.get(frame.seq);
    // The view's copy is richer (the shopper's entities): a live copy never replaces it.
    if (!known) messages.set(frame.seq, frame);
  }

  // ---- rendering ----

  function render() {
    if (!view) return;
    const c = view.conversation || {};
    const h = view.handoff;
    empty.hidden = true;
    pane.hidden = false;
    context.hidden = false;
    pane.dataset.conversationId = id;
    title.textContent = c.shopperName || `Visitor ${String(c.visitorId || '').slice(0, 8)}`;
    meta.textContent = [languageText(c.locale), c.shopperId ? 'signed in' : 'anonymous',
      `conversation ${String(c.status || '').replace(/_/g, ' ')}`].join(' · ');
    renderHandoff(h);
    renderTranscript();
    renderSuggestions(view.suggestions || []);
    renderProfile(c, view.profile || {}, h);
    renderNotes(view.notes || []);
    renderCanned(c.locale);
    renderReply(h);
  }

  function renderHandoff(h) {
    handoffLine.dataset.state = h ? h.state : 'none';
    handoffLine.dataset.reason = h ? h.reason : '';
    if (!h) {
      handoffLine.textContent = 'The bot is answering; nobody asked for a person.';
    } else {
      const parts = [reasonText(h.reason)];
      if (h.topic) parts.push(`topic: ${h.topic}`);
      if (h.state === 'queued') parts.push(`waiting since ${clock(h.requestedAt)}`);
      else if (h.state === 'assigned') parts.push(holding() ? `with you since ${clock(h.assignedAt)}` : `with ${h.agent.name}`);
      else parts.push(h.how === 'closed' ? 'closed' : 'handed back to the bot');
      if (h.contactEmail) parts.push(`contact: ${h.contactEmail}`);
      handoffLine.textContent = parts.join(' · ');
    }
    const open = !!view.conversation && view.conversation.status !== 'closed';
    claimButton.hidden = !open || !!(h && h.state === 'assigned');
    claimButton.textContent = h && h.state === 'queued' ? 'Claim' : 'Join this chat';
    handBackButton.hidden = !holding();
    closeButton.hidden = !holding();
  }

  function nearBottom() {
    return transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 60;
  }

  function messageItem(m) {
    const from = m.from === 'agent' ? (m.agent && m.agent.name) || 'Agent' : FROM[m.from] || m.from;
    const item = el('li', {
      className: `msg msg-${m.from}`,
      attrs: { 'data-testid': 'agent-message', 'data-from': m.from, 'data-seq': String(m.seq) },
    }, [
      el('p', { className: 'who' }, [el('span', { text: from }), el('time', { text: clock(m.at) })]),
      el('p', { className: 'text', attrs: { 'data-testid': 'agent-message-text' }, text: m.text }),
    ]);
    if (m.from === 'bot' && m.intent && typeof m.intent.name === 'string') {
      const confidence = Number(m.intent.confidence);
      item.append(el('p', {
        className: 'intent',
        attrs: { 'data-testid': 'agent-message-intent', 'data-intent': m.intent.name,
          'data-confidence': String(confidence) },
        text: `intent ${m.intent.name} · confidence ${Number.isFinite(confidence) ? confidence.toFixed(2) : '?'}`,
      }));
    }
    if (m.from === 'bot' && Array.isArray(m.quickReplies) && m.quickReplies.length) {
      const offered = m.quickReplies.map((r) => (r && typeof r.title === 'string' ? r.title : '')).filter(Boolean);
      if (offered.length) item.append(el('p', { className: 'offered', text: `offered: ${offered.join(' | ')}` }));
    }
    if (Array.isArray(m.entities) && m.entities.length) {
      item.append(el('p', { className: 'entities' }, m.entities.map((e) => el('span', {
        className: 'entity',
        attrs: { 'data-testid': 'agent-message-entity', 'data-type': String(e.type) },
        text: `${String(e.type).replace(/_/g, ' ')}: ${e.value}`,
      }))));
    }
    return item;
  }

  function pendingItem(p) {
    const item = el('li', {
      className: 'msg msg-agent pending',
      attrs: { 'data-testid': 'agent-message', 'data-from': 'agent', 'data-pending': 'true',
        'data-client-msg-id': p.clientMsgId, 'data-state': p.state },
    }, [
      el('p', { className: 'who' }, [el('span', { text: (me() && me().name) || 'You' }),
        el('time', { text: p.state === 'sending' ? 'sending…' : '' })]),
      el('p', { className: 'text', attrs: { 'data-testid': 'agent-message-text' }, text: p.text }),
    ]);
    if (p.state === 'failed') {
      const line = el('p', { className: 'failed', attrs: { 'data-testid': 'agent-message-failed' }, text: p.error });
      if (p.retryable) {
        const retry = el('button', { className: 'quiet', attrs: { type: 'button', 'data-testid': 'agent-message-retry' },
          text: 'Retry' });
        const conversationId = id;
        retry.addEventListener('click', () => deliver(conversationId, p));
        line.append(' ', retry);
      }
      item.append(line);
    }
    return item;
  }

  function renderTranscript() {
    const stick = nearBottom();
    clear(transcript);
    for (const m of [...messages.values()].sort((a, b) => a.seq - b.seq)) transcript.append(messageItem(m));
    for (const p of outbox(id)) transcript.append(pendingItem(p));
    if (stick) transcript.scrollTop = transcript.scrollHeight;
  }

  function renderSuggestions(list) {
    clear(suggestions);
    if (!list.length) {
      suggestions.append(el('li', { className: 'empty', text: 'No suggestion for the last message.' }));
      return;
    }
    for (const s of list) {
      const insert = el('button', { className: 'quiet', attrs: { type: 'button', 'data-testid': 'agent-suggestion-insert' },
        text: 'Insert' });
      insert.addEventListener('click', () => insertReply(s.answer));
      suggestions.append(el('li', { attrs: { 'data-testid': 'agent-suggestion', 'data-kb-id': String(s.id) } }, [
        el('p', { className: 'title', attrs: { 'data-testid': 'agent-suggestion-title' }, text: s.title }),
        el('p', { className: 'answer', attrs: { 'data-testid': 'agent-suggestion-answer' }, text: s.answer }),
        el('p', { className: 'sub' }, [
          el('span', { text: `confidence ${Number(s.confidence).toFixed(2)}` }), ' ', insert]),
      ]));
    }
  }

  function topKeys(affinity, n = 5) {
    return affinity && typeof affinity === 'object' ? Object.keys(affinity).slice(0, n) : [];
  }

  function renderProfile(c, p, h) {
    clear(profile);
    const rows = [
      ['name', 'Name', c.shopperName || (c.shopperId ? 'Signed in (no name given)' : 'Anonymous visitor')],
      ['language', 'Language', languageText(p.locale || c.locale)],
      ['contact', 'Contact email', h && h.contactEmail ? h.contactEmail : null],
      ['categories', 'Likes', topKeys(p.categoryAffinity).join(', ')],
      ['brands', 'Brands', topKeys(p.brandAffinity).join(', ')],
      ['price', 'Price range', p.priceBand ? `${money(p.priceBand.lowCents)} – ${money(p.priceBand.highCents)}` : null],
      ['views', 'Recently viewed', (p.recentViews || []).join(', ')],
      ['cart', 'In the cart', (p.cart || []).join(', ')],
      ['purchased', 'Bought before', (p.purchased || []).join(', ')],
    ];
    for (const [key, label, value] of rows) {
      profile.append(el('dt', { text: label }),
        el('dd', { attrs: { 'data-testid': `agent-profile-${key}` }, text: value || '—' }));
    }
  }

  function renderNotes(list) {
    clear(notes);
    if (!list.length) notes.append(el('li', { className: 'empty', text: 'No notes yet.' }));
    for (const n of list) {
      notes.append(el('li', { attrs: { 'data-testid': 'agent-note' } }, [
        el('p', { className: 'who' }, [el('span', { attrs: { 'data-testid': 'agent-note-author' }, text: n.author || '' }),
          el('time', { text: clock(n.at) })]),
        el('p', { className: 'text', attrs: { 'data-testid': 'agent-note-text' }, text: n.text }),
      ]));
    }
  }

  function renderCanned(locale) {
    if (cannedLocale === locale && cannedSelect.options.length > 1) return;
    cannedLocale = locale;
    while (cannedSelect.options.length > 1) cannedSelect.remove(1);
    for (const reply of canned.forLocale(locale)) {
      cannedSelect.append(el('option', { attrs: { value: reply.id, 'data-locale': reply.locale }, text: reply.title }));
    }
  }

  function renderReply(h) {
    const may = holding();
    input.disabled = !may;
    sendButton.disabled = !may;
    cannedSelect.disabled = !may;
    let why = '';
    if (!may) {
      if (view.conversation && view.conversation.status === 'closed') why = 'This conversation is closed.';
      else if (h && h.state === 'assigned') why = `This chat is with ${h.agent.name}.`;
      else if (h && h.state === 'queued') why = 'Claim this chat to reply.';
      else why = 'Join this chat to reply; the bot stops answering while you hold it.';
    }
    say(hint, why);
  }

  // ---- the reply box ----

  function insertReply(text) {
    if (!text) return;
    const current = input.value.trimEnd();
    input.value = current ? `${current}\n${text}` : text;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  function placeholders() {
    const all = [...messages.values()].sort((a, b) => a.seq - b.seq);
    return {
      shopper: view && view.conversation ? view.conversation.shopperName : null,
      agent: me() ? me().name : null,
      order: lastOrder(all, view && view.conversation ? view.conversation.lastOrder : null),
    };
  }

  cannedSelect.addEventListener('change', () => {
    const reply = canned.forLocale(cannedLocale).find((r) => r.id === cannedSelect.value);
    cannedSelect.value = '';
    if (reply) insertReply(canned.text(reply, placeholders(), cannedLocale));
  });

  async function deliver(conversationId, item) {
    item.state = 'sending';
    item.error = '';
    if (conversationId === id) renderTranscript();
    for (let attempt = 0; ; attempt++) {
      try {
        const stored = await api.send(conversationId, item.clientMsgId, item.text);
        const box = outbox(conversationId);
        const at = box.indexOf(item);
        if (at >= 0) box.splice(at, 1);
        if (conversationId === id && stored) addMessage(stored);
        if (conversationId === id) renderTranscript();
        return;
      } catch (error) {
        if (error.retryable && attempt < RETRIES) {
          await wait(Math.min(8000, 1000 * 2 ** attempt));
          if (!outbox(conversationId).includes(item)) return; // the live channel showed it stored meanwhile
          continue;
        }
        item.state = 'failed';
        item.retryable = error.retryable;
        item.error = error.retryable ? 'Not sent yet: no answer from the server.'
          : error.code === 'not_holder' ? 'Not sent: you no longer hold this chat.' : `Not sent: ${error.message}`;
        if (conversationId === id) renderTranscript();
        return;
      }
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !id || !holding()) return;
    const item = { clientMsgId: newClientMsgId(), text, state: 'sending', error: '', retryable: false };
    outbox(id).push(item);
    input.value = '';
    deliver(id, item);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  input.addEventListener('input', () => {
    const now = Date.now();
    if (!id || !holding() || !input.value.trim() || now - lastTypingSent < TYPING_EVERY_MS) return;
    lastTypingSent = now;
    api.typing(id).catch(() => {});
  });

  // ---- buttons ----

  async function act(button, action, done) {
    button.disabled = true;
    say(status, '');
    const conversationId = id;
    try {
      await action(conversationId);
      if (done) say(status, done, 'ok');
    } catch (error) {
      if (error.code === 'already_claimed') say(status, `Someone else was quicker: ${error.message}.`, 'error');
      else if (error.status !== 401) say(status, `Could not do that: ${error.message}`, 'error');
    } finally {
      button.disabled = false;
      onChanged();
      if (conversationId === id) await load();
    }
  }

  claimButton.addEventListener('click', () => act(claimButton, (c) => api.claim(c)));
  handBackButton.addEventListener('click', () => act(handBackButton, (c) => api.handBack(c),
    'Handed back: the bot answers again.'));
  closeButton.addEventListener('click', () => act(closeButton, (c) => api.close(c),
    'Closed: the shopper was asked to rate the chat.'));

  noteForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = noteInput.value.trim();
    if (!text || !id || !view) return;
    const conversationId = id;
    say(noteStatus, '');
    try {
      const note = await api.note(conversationId, text);
      noteInput.value = '';
      if (conversationId === id && view) {
        view.notes = [...(view.notes || []), { ...note, author: note.author || (me() && me().name) || '' }];
        renderNotes(view.notes);
      }
    } catch (error) {
      if (error.status !== 401) say(noteStatus, `Could not add the note: ${error.message}`, 'error');
    }
  });

  // ---- live frames ----

  function showShopperTyping() {
    typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { typing.hidden = true; }, SHOPPER_TYPING_SHOWN_MS);
  }

  function hideShopperTyping() {
    clearTimeout(typingTimer);
    typing.hidden = true;
  }

  return {
    current: () => id,
    /** Opens a conversation (or reloads the one open). */
    open(conversationId) {
      if (id && id !== conversationId && !keepWatching(id)) live.unwatch(id);
      if (id !== conversationId) {
        if (id && input.value.trim()) drafts.set(id, input.value);
        else if (id) drafts.delete(id);
        id = conversationId;
        view = null;
        messages = new Map();
        hideShopperTyping();
        say(status, '');
        say(noteStatus, '');
        input.value = drafts.get(conversationId) || '';
        clear(transcript);
      }
      live.watch(conversationId);
      pane.dataset.live = String(live.relayed(conversationId));
      return load();
    },
    /** Closes the pane (sign-out). */
    reset() {
      clearTimeout(assistTimer);
      id = null;
      view = null;
      messages = new Map();
      outboxes.clear();
      drafts.clear();
      input.value = '';
      generation++;
      hideShopperTyping();
      pane.hidden = true;
      context.hidden = true;
      empty.hidden = false;
    },
    reload: () => (id ? load() : Promise.resolve()),
    /** Which chats the live channel relays changed. */
    relayed() {
      pane.dataset.live = String(!!id && live.relayed(id));
    },
    /** A frame of the open conversation from the live channel. */
    frame(frame) {
      if (frame.conversationId !== id) return;
      if (frame.type === 'message') {
        addMessage(frame);
        if (frame.from === 'agent' && typeof frame.clientMsgId === 'string') {
          const box = outbox(id);
          const at = box.findIndex((p) => p.clientMsgId === frame.clientMsgId);
          if (at >= 0) box.splice(at, 1);
        }
        if (frame.from === 'shopper') {
          hideShopperTyping();
          // New suggestions and entities for the new last message.
          clearTimeout(assistTimer);
          assistTimer = setTimeout(() => load(), ASSIST_REFRESH_MS);
        }
        if (view) renderTranscript();
      } else if (frame.type === 'typing' && frame.from === 'shopper') {
        showShopperTyping();
      } else if (frame.type === 'handoff') {
        load();
      }
    },
    /** Sends again what got no answer (the live channel is back). */
    retryUnanswered() {
      for (const [conversationId, box] of outboxes) {
        for (const item of box) if (item.state === 'failed' && item.retryable) deliver(conversationId, item);
      }
    },
  };
}

