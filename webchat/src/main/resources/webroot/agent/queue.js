// The left column: the queue of shoppers waiting for a person (GET /api/agent/queue, refetched on every
// queue_changed, so a claim in another tab or by another agent takes the item away here too) with Claim, and the
// agent's own chats with their unread badges. Also the agent's presence (online / away / offline), which the same
// answer carries, so every tab of the agent shows the same.

import { byTestId, clear, el, say, waited } from '../staff/dom.js';

export const REASONS = {
  shopper_asked: 'Asked for a person',
  misunderstood: 'The bot kept misunderstanding',
  frustrated: 'Shopper is upset',
  complaint: 'Complaint',
  policy: 'Needs a person (policy)',
  agent_joined: 'An agent joined',
};

const LANGUAGES = { en: 'English', zh: 'Chinese' };

export function reasonText(reason) {
  return REASONS[reason] || reason || '';
}

export function languageText(locale) {
  return LANGUAGES[locale] || locale || '';
}

/**
 * onOpen(conversationId) opens a chat; onClaimed(handoff) after this console claimed one; onMine(handoffs) with the
 * agent's chats after every refresh; onMe(me) with the agent as the server sees them; relayed(id): whether the live
 * channel relays a chat's frames.
 */
export function createQueue(api, { relayed, onOpen, onClaimed, onMine, onMe }) {
  const queueList = byTestId('agent-queue');
  const queueCount = byTestId('agent-queue-count');
  const queueEmpty = byTestId('agent-queue-empty');
  const status = byTestId('agent-queue-status');
  const mineList = byTestId('agent-mine');
  const mineCount = byTestId('agent-mine-count');
  const mineEmpty = byTestId('agent-mine-empty');
  const presence = byTestId('agent-presence');
  const presenceHint = byTestId('agent-presence-hint');

  const unread = new Map();
  const fresh = new Set();
  let last = { queue: [], mine: [] };
  let current = null;
  let running = null;
  let again = false;

  presence.addEventListener('change', async () => {
    const wanted = presence.value;
    presence.disabled = true;
    try {
      await api.presence(wanted);
      say(status, '');
    } catch (error) {
      if (error.status !== 401) say(status, `Could not change your status: ${error.message}`, 'error');
    } finally {
      presence.disabled = false;
    }
    refresh();
  });

  // Waiting times grow while nothing else changes.
  setInterval(() => {
    for (const node of queueList.querySelectorAll('[data-requested-at]')) {
      node.textContent = `waiting ${waited(node.dataset.requestedAt)}`;
    }
  }, 15000);

  async function claim(handoff, button) {
    button.disabled = true;
    say(status, '');
    try {
      const claimed = await api.claim(handoff.conversationId);
      onClaimed(claimed);
    } catch (error) {
      if (error.code === 'already_claimed') {
        say(status, `Someone else was quicker: ${error.message}.`, 'error');
      } else if (error.status !== 401) {
        say(status, `Could not claim: ${error.message}`, 'error');
      }
    } finally {
      button.disabled = false;
      refresh();
    }
  }

  function facts(h) {
    return [`priority ${h.priority}`, languageText(h.locale), h.topic ? `topic: ${h.topic}` : null]
      .filter(Boolean).join(' · ');
  }

  function queueItem(h) {
    const claimButton = el('button', { attrs: { type: 'button', 'data-testid': 'agent-claim' }, text: 'Claim' });
    claimButton.addEventListener('click', () => claim(h, claimButton));
    const view = el('button', { className: 'quiet', attrs: { type: 'button', 'data-testid': 'agent-queue-view' },
      text: 'View' });
    view.addEventListener('click', () => onOpen(h.conversationId));
    return el('li', {
      className: current === h.conversationId ? 'item selected' : 'item',
      attrs: { 'data-testid': 'agent-queue-item', 'data-conversation-id': h.conversationId, 'data-reason': h.reason,
        'data-priority': String(h.priority), 'data-locale': h.locale },
    }, [
      el('span', { className: 'title', attrs: { 'data-testid': 'agent-queue-reason' }, text: reasonText(h.reason) }),
      el('span', { className: 'sub', attrs: { 'data-testid': 'agent-queue-facts' }, text: facts(h) }),
      el('span', { className: 'sub', attrs: { 'data-testid': 'agent-queue-waiting', 'data-requested-at': h.requestedAt },
        text: `waiting ${waited(h.requestedAt)}` }),
      h.contactEmail ? el('span', { className: 'sub email', attrs: { 'data-testid': 'agent-queue-email' },
        text: `left an email: ${h.contactEmail}` }) : null,
      el('span', { className: 'buttons' }, [claimButton, view]),
    ]);
  }

  function mineItem(h) {
    const count = unread.get(h.conversationId) || 0;
    const badge = el('span', { className: 'unread', attrs: { 'data-testid': 'agent-unread', 'aria-label': 'unread' },
      text: String(count) });
    badge.hidden = count === 0;
    const isNew = el('span', { className: 'new', attrs: { 'data-testid': 'agent-mine-new' }, text: 'new' });
    isNew.hidden = !fresh.has(h.conversationId);
    const open = el('button', { className: 'pick', attrs: { type: 'button', 'data-testid': 'agent-mine-open' } }, [
      el('span', { className: 'title', text: reasonText(h.reason) }),
      el('span', { className: 'sub', text: facts(h) }),
      h.contactEmail ? el('span', { className: 'sub email', text: h.contactEmail }) : null,
    ]);
    open.addEventListener('click', () => onOpen(h.conversationId));
    return el('li', {
      className: current === h.conversationId ? 'item selected' : 'item',
      attrs: { 'data-testid': 'agent-mine-item', 'data-conversation-id': h.conversationId, 'data-unread': String(count),
        'data-live': String(relayed(h.conversationId)) },
    }, [open, isNew, badge]);
  }

  function render() {
    clear(queueList);
    for (const h of last.queue) queueList.append(queueItem(h));
    queueCount.textContent = String(last.queue.length);
    queueEmpty.hidden = last.queue.length > 0;
    clear(mineList);
    for (const h of last.mine) mineList.append(mineItem(h));
    mineCount.textContent = String(last.mine.length);
    mineEmpty.hidden = last.mine.length > 0;
  }

  function showMe(me) {
    if (!me) return;
    presence.dataset.presence = me.presence || '';
    if (!presence.disabled && ['online', 'away', 'offline'].includes(me.presence)) presence.value = me.presence;
    presence.disabled = me.takesChats === false;
    if (me.takesChats === false) {
      say(presenceHint, 'Your account has no agent role: you can claim and answer chats, but none are routed to you.');
    } else if (me.presence === 'away') {
      say(presenceHint, 'You are away: no new chats are routed to you; you can still claim from the queue.');
    } else if (me.presence === 'offline') {
      say(presenceHint, 'You are offline: no new chats are routed to you.');
    } else {
      say(presenceHint, '');
    }
  }

  // One refresh at a time; a queue_changed during one runs another after it, so the newest state wins.
  function refresh() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const answer = await api.queue();
          last = { queue: answer.queue || [], mine: answer.mine || [] };
          for (const id of [...unread.keys()]) {
            if (!last.mine.some((h) => h.conversationId === id)) unread.delete(id);
          }
          render();
          showMe(answer.me);
          onMe(answer.me);
          onMine(last.mine);
        } catch (error) {
          if (error.status !== 401) say(status, `Could not load the queue: ${error.message}`, 'error');
        }
      } while (again);
      running = null;
    })();
    return running;
  }

  return {
    refresh,
    /** Marks the chat being looked at. */
    select(id) {
      current = id;
      if (id) {
        unread.delete(id);
        fresh.delete(id);
      }
      render();
    },
    /** One more unread message in a chat. */
    unread(id) {
      unread.set(id, (unread.get(id) || 0) + 1);
      render();
    },
    /** Which chats the live channel relays changed. */
    relayed() {
      for (const item of mineList.querySelectorAll('[data-testid=agent-mine-item]')) {
        item.dataset.live = String(relayed(item.dataset.conversationId));
      }
    },
    totalUnread: () => [...unread.values()].reduce((a, b) => a + b, 0),
    /** A chat given to this agent: marked "new" until opened. */
    fresh(id) {
      fresh.add(id);
      render();
    },
    isMine: (id) => last.mine.some((h) => h.conversationId === id),
    /** Forgets everything (sign-out). */
    reset() {
      unread.clear();
      fresh.clear();
      last = { queue: [], mine: [] };
      current = null;
      say(status, '');
      render();
    },
  };
}
