// The widget's DOM. Every piece of server or shopper text goes in through textContent; there is no
// HTML parsing anywhere, static markup included.

import { translator, intlLocale } from './i18n.js';

export const MAX_TEXT_LENGTH = 2000;
const TYPING_TIMEOUT_MS = 15000;
const NOTICE_TIMEOUT_MS = 8000;
const MAX_QUICK_REPLIES = 8;
const MAX_CARDS = 10;
const MAX_INPUT_HEIGHT_PX = 120;
// "You're back with the assistant" is said briefly, then the strip goes.
const ENDED_STRIP_MS = 8000;
const MAX_COMMENT_LENGTH = 1000;
const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 80;
const SENDERS = ['shopper', 'bot', 'agent'];
const SVG_NS = 'http://www.w3.org/2000/svg';
const ICONS = {
  chat: 'M6 3h12a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3h-7l-5 4v-4H6a3 3 0 0 1-3-3V6a3 3 0 0 1 3-3z',
  close: 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z',
  send: 'M3.4 20.4 21 12 3.4 3.6 3.4 10.1 15 12 3.4 13.9z',
};

function el(tag, { className, attrs, text } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (attrs) for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  for (const child of children) if (child) node.append(child);
  return node;
}

function icon(name, className) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  if (className) svg.setAttribute('class', className);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/** An element whose text (or an attribute) follows the locale; see applyStrings. */
function localized(node, key, attribute) {
  node.setAttribute(attribute ? `data-shopchat-i18n-${attribute}` : 'data-shopchat-i18n', key);
  return node;
}

function httpUrl(value, base) {
  if (typeof value !== 'string' || !value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Formats minor units (cents) in the currency's own number of decimals. */
export function formatPrice(priceCents, currency, locale) {
  if (!Number.isFinite(priceCents)) return '';
  try {
    const format = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits;
    return format.format(priceCents / 10 ** digits);
  } catch {
    return `${(priceCents / 100).toFixed(2)} ${typeof currency === 'string' ? currency : ''}`.trim();
  }
}

/** An agent's display name as the server sent it (text), or null. */
function validName(name) {
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, MAX_NAME_LENGTH) : null;
}

/** A SKU the cart payload can carry: `/cart:add:SKU` stays within the protocol's 200-character payload. */
function validSku(sku) {
  return typeof sku === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(sku) ? sku : null;
}

/**
 * Builds the widget inside `container`; returns the handle app.js drives. `onAddToCart(card)` runs when the
 * shopper taps a product card's "Add to cart"; `onContact(email)` when they leave an email while waiting for a
 * person; `onRate(rating, comment)` when they rate a chat an agent closed.
 */
export function createView({
  container, locale, server, onSend, onToggle, onTyping, onAddToCart, onCardEvent, onContact, onRate,
}) {
  let t = translator(locale);
  let currentLocale = locale;
  let open = false;
  let typingTimer = null;
  let noticeTimer = null;
  let activeQuickReplies = null;
  let shopper = { verified: false };
  // The handoff as last told ({state, position, agentsOnline, waitSeconds}) or null; the agent's name outlives it
  // (the rating card names them).
  let handoff = null;
  let handoffTimer = null;
  let agentName = null;
  // The email form: result null, {key} (a UI string) or {text} (the server's message); sent: an email is left;
  // closed: the server said the chat is not waiting any more.
  let contact = { sent: false, result: null };
  let rating = { value: 0, error: null };
  let typingFrom = null;
  const pending = new Map();
  const quickRepliesOf = new WeakMap();
  const panelId = `shopchat-panel-${Math.random().toString(36).slice(2, 10)}`;
  const titleId = `${panelId}-title`;

  const unread = el('span', { className: 'shopchat-unread', attrs: { hidden: '' } });
  const launcher = el('button', {
    className: 'shopchat-launcher',
    attrs: { type: 'button', 'data-testid': 'shopchat-launcher', 'aria-expanded': 'false', 'aria-controls': panelId },
  }, [icon('chat', 'shopchat-icon-open'), icon('close', 'shopchat-icon-close'), unread]);
  localized(launcher, 'openChat', 'aria-label');

  const statusText = el('span', { className: 'shopchat-status-text' });
  const status = el('p', {
    className: 'shopchat-status',
    attrs: { 'data-testid': 'shopchat-status', 'data-state': 'connecting' },
  }, [el('span', { className: 'shopchat-status-dot', attrs: { 'aria-hidden': 'true' } }), statusText]);
  localized(statusText, 'status.connecting');

  const closeButton = el('button', { className: 'shopchat-close', attrs: { type: 'button' } }, [icon('close')]);
  localized(closeButton, 'closeChat', 'aria-label');

  // Who the shop says the shopper is, shown discreetly; hidden while anonymous.
  const identityLine = el('p', { className: 'shopchat-identity', attrs: { 'data-testid': 'shopchat-identity', hidden: '' } });

  const header = el('header', { className: 'shopchat-header' }, [
    el('div', { className: 'shopchat-header-text' }, [
      localized(el('h2', { className: 'shopchat-title', attrs: { id: titleId } }), 'title'),
      status,
      identityLine,
    ]),
    closeButton,
  ]);

  // ---- handoff strip: where the request for a person stands, and the email form when nobody is online --------

  const handoffText = el('p', {
    className: 'shopchat-handoff-text',
    attrs: { 'data-testid': 'shopchat-handoff-text', role: 'status', 'aria-live': 'polite' },
  });
  const contactInput = el('input', {
    className: 'shopchat-contact-input',
    attrs: {
      type: 'email', 'data-testid': 'shopchat-contact-email', autocomplete: 'email', maxlength: String(MAX_EMAIL_LENGTH),
    },
  });
  localized(contactInput, 'contact.label', 'aria-label');
  localized(contactInput, 'contact.placeholder', 'placeholder');
  const contactSend = localized(el('button', {
    className: 'shopchat-contact-send', attrs: { type: 'submit', 'data-testid': 'shopchat-contact-send' },
  }), 'contact.send');
  const contactForm = el('form', {
    className: 'shopchat-contact', attrs: { novalidate: '', 'data-testid': 'shopchat-contact', hidden: '' },
  }, [contactInput, contactSend]);
  const contactResult = el('p', {
    className: 'shopchat-contact-result', attrs: { 'data-testid': 'shopchat-contact-result', role: 'status', hidden: '' },
  });
  const handoffStrip = el('div', {
    className: 'shopchat-handoff', attrs: { 'data-testid': 'shopchat-handoff', hidden: '' },
  }, [handoffText, contactForm, contactResult]);

  // ---- rating card: after an agent closes the chat ---------------------------------------------------------

  const ratingTitle = el('p', {
    className: 'shopchat-rating-title', attrs: { id: `${panelId}-rating`, 'data-testid': 'shopchat-rating-title' },
  });
  const stars = [1, 2, 3, 4, 5].map((value) => {
    const star = el('button', {
      className: 'shopchat-star',
      attrs: { type: 'button', 'data-testid': 'shopchat-rating-star', 'data-value': String(value), 'aria-pressed': 'false' },
    }, [el('span', { attrs: { 'aria-hidden': 'true' }, text: '\u2605' })]);
    star.addEventListener('click', () => chooseRating(value));
    return star;
  });
  const starGroup = localized(el('div', { className: 'shopchat-stars', attrs: { role: 'group' } }, stars),
    'rating.starsLabel', 'aria-label');
  const ratingComment = el('textarea', {
    className: 'shopchat-rating-comment',
    attrs: { 'data-testid': 'shopchat-rating-comment', rows: '2', maxlength: String(MAX_COMMENT_LENGTH) },
  });
  localized(ratingComment, 'rating.comment', 'aria-label');
  localized(ratingComment, 'rating.comment', 'placeholder');
  const ratingError = el('p', {
    className: 'shopchat-rating-error', attrs: { 'data-testid': 'shopchat-rating-error', role: 'alert', hidden: '' },
  });
  const ratingSend = localized(el('button', {
    className: 'shopchat-rating-send', attrs: { type: 'submit', 'data-testid': 'shopchat-rating-send', disabled: '' },
  }), 'rating.send');
  const ratingForm = el('form', { className: 'shopchat-rating-form', attrs: { novalidate: '' } },
    [starGroup, ratingComment, ratingError, ratingSend]);
  const ratingThanks = localized(el('p', {
    className: 'shopchat-rating-thanks', attrs: { 'data-testid': 'shopchat-rating-thanks', role: 'status', hidden: '' },
  }), 'rating.thanks');
  const ratingCard = el('section', {
    className: 'shopchat-rating',
    attrs: { 'data-testid': 'shopchat-rating', 'aria-labelledby': `${panelId}-rating`, hidden: '' },
  }, [ratingTitle, ratingForm, ratingThanks]);

  const list = localized(el('ol', { className: 'shopchat-messages', attrs: { 'data-testid': 'shopchat-messages' } }),
    'messagesLabel', 'aria-label');
  // The bot's typing is three dots (and a line for screen readers); an agent's also says who types.
  const typingBotLabel = localized(el('span', { className: 'shopchat-sr-only' }), 'typing');
  const typingAgentLabel = el('span', {
    className: 'shopchat-typing-label', attrs: { 'data-testid': 'shopchat-typing-label', hidden: '' },
  });
  const typing = el('div', { className: 'shopchat-typing', attrs: { 'data-testid': 'shopchat-typing', hidden: '' } }, [
    el('span', { className: 'shopchat-typing-dot' }),
    el('span', { className: 'shopchat-typing-dot' }),
    el('span', { className: 'shopchat-typing-dot' }),
    typingBotLabel,
    typingAgentLabel,
  ]);
  const body = el('div', { className: 'shopchat-body' }, [list, ratingCard, typing]);

  const notice = el('div', {
    className: 'shopchat-notice',
    attrs: { 'data-testid': 'shopchat-notice', role: 'status', hidden: '' },
  });

  const input = el('textarea', {
    className: 'shopchat-input',
    attrs: { 'data-testid': 'shopchat-input', rows: '1', maxlength: String(MAX_TEXT_LENGTH), autocomplete: 'off' },
  });
  localized(input, 'inputLabel', 'aria-label');
  localized(input, 'placeholder', 'placeholder');
  const sendButton = el('button', {
    className: 'shopchat-send',
    attrs: { type: 'submit', 'data-testid': 'shopchat-send', disabled: '' },
  }, [icon('send')]);
  localized(sendButton, 'send', 'aria-label');
  const composer = el('form', { className: 'shopchat-composer', attrs: { novalidate: '' } }, [input, sendButton]);

  const announcer = el('div', { className: 'shopchat-sr-only', attrs: { 'aria-live': 'polite', 'aria-atomic': 'true' } });

  const panel = el('section', {
    className: 'shopchat-panel',
    attrs: { id: panelId, 'data-testid': 'shopchat-panel', role: 'dialog', 'aria-labelledby': titleId, hidden: '' },
  }, [header, handoffStrip, body, notice, composer]);

  const root = el('div', { className: 'shopchat-root', attrs: { lang: locale } }, [panel, launcher, announcer]);
  applyStrings();
  container.append(root);

  function applyStrings() {
    for (const node of root.querySelectorAll('[data-shopchat-i18n]')) {
      node.textContent = t(node.getAttribute('data-shopchat-i18n'));
    }
    for (const attribute of ['aria-label', 'placeholder']) {
      for (const node of root.querySelectorAll(`[data-shopchat-i18n-${attribute}]`)) {
        node.setAttribute(attribute, t(node.getAttribute(`data-shopchat-i18n-${attribute}`)));
      }
    }
  }

  function scrollToBottom() {
    body.scrollTop = body.scrollHeight;
  }

  function announce(text) {
    announcer.textContent = '';
    // A fresh text node after clearing makes screen readers read repeated texts too.
    requestAnimationFrame(() => { announcer.textContent = text; });
  }

  // ---- open / close ------------------------------------------------------------------------------

  function setOpen(next, { restore = false } = {}) {
    if (next === open) return;
    open = next;
    panel.hidden = !open;
    root.classList.toggle('shopchat-root--open', open);
    launcher.setAttribute('aria-expanded', String(open));
    localized(launcher, open ? 'closeChat' : 'openChat', 'aria-label');
    launcher.setAttribute('aria-label', t(open ? 'closeChat' : 'openChat'));
    if (open) {
      unread.hidden = true;
      scrollToBottom();
      if (!restore) input.focus({ preventScroll: true });
    } else if (panel.contains(document.activeElement)) {
      launcher.focus();
    }
    onToggle(open, { restore });
  }

  launcher.addEventListener('click', () => setOpen(!open));
  closeButton.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
  });

  // ---- composer ----------------------------------------------------------------------------------

  function updateComposer() {
    sendButton.disabled = input.value.trim().length === 0;
    // Grow with the text up to a few lines; scrollHeight excludes the border, so add it back.
    input.style.height = 'auto';
    const border = input.offsetHeight - input.clientHeight;
    input.style.height = `${Math.min(input.scrollHeight + border, MAX_INPUT_HEIGHT_PX)}px`;
  }

  function submit() {
    const text = input.value.trim();
    if (!text) return;
    if (text.length > MAX_TEXT_LENGTH) {
      showNotice(t('error.text_too_long'));
      return;
    }
    input.value = '';
    updateComposer();
    onSend(text);
  }

  input.addEventListener('input', () => {
    updateComposer();
    if (input.value) onTyping();
  });
  input.addEventListener('keydown', (event) => {
    // Enter while an IME is composing (Chinese input) picks a candidate; it must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submit();
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
    input.focus();
  });

  // ---- messages ----------------------------------------------------------------------------------

  function messageElement(from, text, name = null) {
    const item = el('li', {
      className: `shopchat-msg shopchat-msg--${from}`,
      attrs: { 'data-testid': 'shopchat-message', 'data-from': from },
    });
    if (from === 'agent' && name) {
      // A person answers: their name (server text) above the bubble.
      item.append(el('span', {
        className: 'shopchat-msg-label shopchat-agent-name', attrs: { 'data-testid': 'shopchat-agent-name' }, text: name,
      }));
    } else {
      // The shopper's own bubbles carry their label for screen readers only.
      const labelClass = from === 'shopper' ? 'shopchat-sr-only' : 'shopchat-msg-label';
      item.append(localized(el('span', { className: labelClass }), `from_${from}`));
    }
    item.append(el('div', { className: 'shopchat-bubble' }, [
      el('div', { className: 'shopchat-text', attrs: { 'data-testid': 'shopchat-message-text' }, text }),
    ]));
    return item;
  }

  function sourcesElement(sources) {
    const seen = new Set();
    const wrapper = el('div', { className: 'shopchat-sources' });
    for (const source of sources) {
      if (!source || typeof source.title !== 'string' || seen.has(source.id)) continue;
      seen.add(source.id);
      wrapper.append(el('span', {
        className: 'shopchat-source',
        attrs: { 'data-testid': 'shopchat-source', 'data-kb-id': String(source.id ?? '') },
      }, [localized(el('span', { className: 'shopchat-source-label' }), 'source'), ' ', source.title]));
    }
    return wrapper.childElementCount ? wrapper : null;
  }

  function cardElement(card) {
    const image = httpUrl(card.image, server);
    const link = httpUrl(card.url, document.baseURI);
    const sku = validSku(card.sku);
    const title = typeof card.title === 'string' ? card.title : '';
    const price = typeof card.price === 'string' && card.price
      ? card.price : formatPrice(card.priceCents, card.currency, currentLocale);
    const reason = typeof card.reason === 'string' && card.reason.trim() ? card.reason : null;
    const view = link ? localized(el('a', {
      className: 'shopchat-card-button shopchat-card-view',
      attrs: { href: link, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'shopchat-card-view' },
    }), 'view') : null;
    const add = sku && title ? localized(el('button', {
      className: 'shopchat-card-button shopchat-card-add',
      attrs: { type: 'button', 'data-testid': 'shopchat-card-add' },
    }), 'addToCart') : null;
    // A recommendation's clicks and add-to-carts are reported with its impression id (attribution).
    const impressionId = typeof card.impressionId === 'string' && card.impressionId ? card.impressionId : undefined;
    view?.addEventListener('click', () => sku && onCardEvent?.({ type: 'click', sku, impressionId }));
    add?.addEventListener('click', () => {
      onCardEvent?.({ type: 'add_to_cart', sku, impressionId });
      onAddToCart({ sku, title });
    });
    return el('article', {
      className: 'shopchat-card',
      attrs: { 'data-testid': 'shopchat-card', 'data-sku': sku ?? '' },
    }, [
      image ? el('img', { className: 'shopchat-card-image', attrs: { src: image, alt: '', loading: 'lazy' } }) : null,
      el('div', { className: 'shopchat-card-body' }, [
        el('h3', { className: 'shopchat-card-title', attrs: { 'data-testid': 'shopchat-card-title' }, text: title }),
        el('p', { className: 'shopchat-card-price', attrs: { 'data-testid': 'shopchat-card-price' }, text: price }),
        reason ? el('p', {
          className: 'shopchat-card-reason', attrs: { 'data-testid': 'shopchat-card-reason' }, text: reason,
        }) : null,
        view || add ? el('div', { className: 'shopchat-card-actions' }, [view, add]) : null,
      ]),
    ]);
  }

  function cardsElement(cards) {
    const valid = cards.filter((c) => c && typeof c === 'object').slice(0, MAX_CARDS);
    // Several cards scroll sideways (widget.css) rather than stretch the conversation.
    return valid.length
      ? el('div', { className: 'shopchat-cards', attrs: { 'data-testid': 'shopchat-cards' } }, valid.map(cardElement))
      : null;
  }

  function validQuickReplies(replies) {
    if (!Array.isArray(replies)) return [];
    return replies
      .filter((r) => r && typeof r.title === 'string' && r.title.trim())
      .slice(0, MAX_QUICK_REPLIES);
  }

  // Only the newest message can carry live quick replies, and only when the bot or an agent said it last.
  function refreshQuickReplies() {
    const newest = list.lastElementChild;
    if (activeQuickReplies && activeQuickReplies.owner === newest) return;
    activeQuickReplies?.node.remove();
    activeQuickReplies = null;
    const replies = newest ? quickRepliesOf.get(newest) : null;
    if (!replies?.length) return;
    const node = localized(el('div', { className: 'shopchat-quick-replies', attrs: { role: 'group' } }),
      'quickRepliesLabel', 'aria-label');
    node.setAttribute('aria-label', t('quickRepliesLabel'));
    for (const reply of replies) {
      const button = el('button', {
        className: 'shopchat-quick-reply',
        attrs: { type: 'button', 'data-testid': 'shopchat-quick-reply' },
        text: reply.title,
      });
      button.addEventListener('click', () => {
        quickRepliesOf.delete(newest);
        onSend(reply.title, typeof reply.payload === 'string' ? reply.payload : undefined);
      });
      node.append(button);
    }
    newest.append(node);
    activeQuickReplies = { owner: newest, node };
  }

  // Confirmed messages stay ordered by seq; pending ones stay below them.
  function insertBySeq(item, seq) {
    let after = list.lastElementChild;
    while (after && (after.dataset.pending === 'true' || Number(after.dataset.seq || 0) > seq)) {
      after = after.previousElementSibling;
    }
    list.insertBefore(item, after ? after.nextSibling : list.firstChild);
  }

  function addMessage(message, { replay = false } = {}) {
    const from = SENDERS.includes(message.from) ? message.from : 'bot';
    const text = typeof message.text === 'string' ? message.text : '';
    const name = from === 'agent' ? validName(message.agent?.name) : null;
    const item = messageElement(from, text, name);
    item.dataset.seq = String(message.seq);
    if (from !== 'shopper') {
      const cards = Array.isArray(message.cards) ? cardsElement(message.cards) : null;
      const sources = Array.isArray(message.sources) ? sourcesElement(message.sources) : null;
      if (cards) {
        item.append(cards);
        item.classList.add('shopchat-msg--with-cards');
      }
      if (sources) item.append(sources);
      quickRepliesOf.set(item, validQuickReplies(message.quickReplies));
      hideTyping();
    } else if (typeof message.clientMsgId === 'string') {
      removePending(message.clientMsgId, { refresh: false });
    }
    applyStringsTo(item);
    for (const img of item.querySelectorAll('img')) img.addEventListener('load', scrollToBottom, { once: true });
    insertBySeq(item, message.seq);
    refreshQuickReplies();
    scrollToBottom();
    if (!replay && from !== 'shopper') {
      announce(`${name ?? t(`from_${from}`)}: ${text}`);
      if (!open) unread.hidden = false;
    }
  }

  function applyStringsTo(node) {
    for (const child of node.querySelectorAll('[data-shopchat-i18n]')) {
      child.textContent = t(child.getAttribute('data-shopchat-i18n'));
    }
  }

  function addPending({ clientMsgId, text }) {
    if (pending.has(clientMsgId)) return;
    const item = messageElement('shopper', text);
    item.dataset.seq = '';
    item.dataset.pending = 'true';
    item.append(localized(el('span', { className: 'shopchat-msg-meta' }), 'sending'));
    applyStringsTo(item);
    pending.set(clientMsgId, item);
    list.append(item);
    refreshQuickReplies();
    scrollToBottom();
  }

  function removePending(clientMsgId, { refresh = true } = {}) {
    const item = pending.get(clientMsgId);
    if (!item) return;
    pending.delete(clientMsgId);
    item.remove();
    if (refresh) refreshQuickReplies();
  }

  function failPending(clientMsgId) {
    const item = pending.get(clientMsgId);
    if (!item) return;
    pending.delete(clientMsgId);
    delete item.dataset.pending;
    item.dataset.failed = 'true';
    const meta = item.querySelector('.shopchat-msg-meta');
    meta.setAttribute('data-shopchat-i18n', 'notSent');
    meta.textContent = t('notSent');
  }

  /** Drops every confirmed message (a new conversation), its handoff and rating card; pending ones are kept. */
  function clearMessages() {
    for (const item of [...list.children]) {
      if (item.dataset.pending !== 'true') item.remove();
    }
    activeQuickReplies = null;
    hideTyping();
    refreshQuickReplies();
    setHandoff(null);
    agentName = null;
    ratingCard.hidden = true;
  }

  // ---- handoff -----------------------------------------------------------------------------------

  function handoffLine() {
    switch (handoff.state) {
      case 'queued': {
        if (handoff.agentsOnline === 0) return t('handoff.noAgents');
        if (!handoff.position) return t('handoff.waiting');
        if (handoff.waitSeconds === null) return t('handoff.queuedNoEstimate', { position: handoff.position });
        const minutes = Math.max(1, Math.round(handoff.waitSeconds / 60));
        return t('handoff.queued', { position: handoff.position, minutes });
      }
      case 'assigned':
        return agentName ? t('handoff.assigned', { name: agentName }) : t('handoff.assignedUnnamed');
      default:
        return t('handoff.ended');
    }
  }

  function renderHandoff() {
    handoffStrip.hidden = !handoff;
    handoffStrip.dataset.state = handoff ? handoff.state : '';
    if (!handoff) {
      handoffText.textContent = '';
      contactForm.hidden = true;
      contactResult.hidden = true;
      return;
    }
    handoffText.textContent = handoffLine();
    const offerContact = handoff.state === 'queued' && handoff.agentsOnline === 0;
    contactForm.hidden = !offerContact || contact.sent || contact.closed === true;
    const result = offerContact || contact.sent || contact.closed ? contact.result : null;
    contactResult.hidden = !result;
    contactResult.dataset.kind = contact.sent ? 'ok' : 'error';
    contactResult.textContent = !result ? '' : result.key ? t(result.key) : result.text;
  }

  function count(value) {
    return Number.isInteger(value) && value >= 0 ? value : null;
  }

  /** Shows where a handoff stands (a `handoff` frame, docs/handoff.md), or that there is none (null). */
  function setHandoff(frame) {
    clearTimeout(handoffTimer);
    if (!frame) {
      handoff = null;
      contact = { sent: false, result: null };
      contactSend.disabled = false;
      renderHandoff();
      return;
    }
    if (frame.state !== 'queued' || handoff?.state !== 'queued') contact = { sent: false, result: null };
    if (frame.state === 'queued' && frame.contactLeft === true) contact = { sent: true, result: { key: 'contact.thanks' } };
    if (frame.state === 'assigned') agentName = validName(frame.agent?.name);
    handoff = {
      state: frame.state,
      position: count(frame.position) || null,
      agentsOnline: count(frame.agentsOnline),
      waitSeconds: count(frame.waitSeconds),
    };
    if (frame.state !== 'assigned' && typingFrom === 'agent') hideTyping();
    // A person took the chat, or asks for a rating: worth the unread dot on a closed panel.
    if (!open && (frame.state === 'assigned' || frame.askRating === true)) unread.hidden = false;
    if (frame.state === 'ended') {
      handoffTimer = setTimeout(() => {
        handoff = null;
        renderHandoff();
      }, ENDED_STRIP_MS);
      if (frame.askRating === true) showRating();
    }
    renderHandoff();
  }

  contactForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const email = contactInput.value.trim();
    if (!email) {
      contactInput.focus();
      return;
    }
    contactSend.disabled = true;
    contact.result = null;
    renderHandoff();
    onContact(email);
  });

  function contactAck() {
    contactSend.disabled = false;
    contactInput.value = '';
    contact = { sent: true, result: { key: 'contact.thanks' } };
    renderHandoff();
  }

  /** The server refused the email: its message for a bad address (`invalid_field`), else a line of ours. */
  function contactError(code, message) {
    contactSend.disabled = false;
    // Not waiting any more: the form goes, the line says why (a handoff frame follows with the new state).
    if (code === 'not_waiting') contact = { sent: false, closed: true, result: { key: 'contact.notWaiting' } };
    else if (code === 'invalid_field' && message) contact.result = { text: message };
    else contact.result = { key: 'contact.error' };
    renderHandoff();
    if (code !== 'not_waiting') contactInput.focus({ preventScroll: true });
  }

  // ---- rating ------------------------------------------------------------------------------------

  function renderRating() {
    ratingTitle.textContent = agentName ? t('rating.title', { name: agentName }) : t('rating.titleUnnamed');
    stars.forEach((star, index) => {
      const value = index + 1;
      star.setAttribute('aria-label', t('rating.star', { count: value }));
      star.setAttribute('aria-pressed', String(value === rating.value));
      star.classList.toggle('shopchat-star--on', value <= rating.value);
    });
    ratingError.hidden = !rating.error;
    ratingError.textContent = rating.error ? t(rating.error) : '';
  }

  function showRating() {
    rating = { value: 0, error: null };
    ratingComment.value = '';
    ratingSend.disabled = true;
    ratingForm.hidden = false;
    ratingThanks.hidden = true;
    ratingCard.dataset.state = 'open';
    ratingCard.hidden = false;
    renderRating();
    scrollToBottom();
  }

  function chooseRating(value) {
    rating.value = value;
    rating.error = null;
    ratingSend.disabled = false;
    renderRating();
  }

  ratingForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!rating.value) return;
    const comment = ratingComment.value.trim();
    if ([...comment].length > MAX_COMMENT_LENGTH) {
      rating.error = 'rating.tooLong';
      renderRating();
      return;
    }
    rating.error = null;
    ratingSend.disabled = true;
    renderRating();
    onRate(rating.value, comment);
  });

  function ratingAck() {
    ratingForm.hidden = true;
    ratingThanks.hidden = false;
    ratingCard.dataset.state = 'done';
    scrollToBottom();
  }

  /** Nothing to rate (rated already, or the chat is gone): the card goes; other refusals may be sent again. */
  function ratingFailed(code) {
    if (code === 'nothing_to_rate') {
      ratingCard.hidden = true;
      return;
    }
    rating.error = code === 'text_too_long' ? 'rating.tooLong' : 'rating.error';
    ratingSend.disabled = false;
    renderRating();
  }

  // ---- typing, status, notices -------------------------------------------------------------------

  /** Shows that the bot or the agent (`from`) is typing; an agent's indicator names them. */
  function showTyping(from = 'bot') {
    typingFrom = from === 'agent' ? 'agent' : 'bot';
    renderTyping();
    typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_TIMEOUT_MS);
    scrollToBottom();
  }

  function renderTyping() {
    typing.dataset.from = typingFrom ?? '';
    typingBotLabel.hidden = typingFrom === 'agent';
    typingAgentLabel.hidden = typingFrom !== 'agent';
    typingAgentLabel.textContent = typingFrom !== 'agent' ? ''
      : agentName ? t('typing.agent', { name: agentName }) : t('typing.agentUnnamed');
  }

  function hideTyping() {
    clearTimeout(typingTimer);
    typing.hidden = true;
    typingFrom = null;
  }

  function setStatus(state) {
    status.dataset.state = state;
    statusText.setAttribute('data-shopchat-i18n', `status.${state}`);
    statusText.textContent = t(`status.${state}`);
  }

  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { notice.hidden = true; }, NOTICE_TIMEOUT_MS);
  }

  function renderIdentity() {
    identityLine.hidden = !shopper.verified;
    identityLine.textContent = !shopper.verified ? '' : shopper.name ? t('signedInAs', { name: shopper.name }) : t('signedIn');
  }

  /** Shows who the shop says the shopper is: { verified, id?, name? } from the welcome. */
  function setShopper(next) {
    shopper = next?.verified ? { verified: true, name: typeof next.name === 'string' && next.name ? next.name : null }
      : { verified: false };
    renderIdentity();
  }

  function setLocale(next) {
    currentLocale = next;
    t = translator(next);
    root.setAttribute('lang', next);
    applyStrings();
    renderIdentity();
    renderHandoff();
    renderRating();
    renderTyping();
  }

  return {
    setOpen,
    isOpen: () => open,
    setStatus,
    addMessage,
    addPending,
    removePending,
    failPending,
    clearMessages,
    showTyping,
    hideTyping,
    showNotice,
    setShopper,
    setHandoff,
    contactAck,
    contactError,
    ratingAck,
    ratingFailed,
    setLocale,
    t: (key, values) => t(key, values),
  };
}
