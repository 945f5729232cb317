// The agent console's entry point: signs in (or finds the session), opens the live channel (which makes the agent
// online), and wires the queue, the agent's chats, the open conversation and the notifications. The agent's own
// chats stay watched on the live channel, so a shopper writing in one the agent is not looking at shows as an
// unread badge. When the session ends (sign-out, idle timeout, restart) everything closes and the sign-in form
// comes back.

import { createApi } from './api.js';
import { createCanned } from './canned.js';
import { createConversation } from './conversation.js';
import { byTestId } from '../staff/dom.js';
import { createLive } from './live.js';
import { createNotifier } from './notify.js';
import { createQueue, reasonText } from './queue.js';
import { createSignIn, hasRole } from '../staff/signin.js';

/** Agents answer chats; admins may too. */
const mayAnswer = (user) => hasRole(user, 'agent', 'admin');

const consoleMain = byTestId('agent-console');
const liveBadge = byTestId('agent-live');
const signedInOnly = [byTestId('agent-presence-label'), byTestId('agent-sound-label'), liveBadge];
const LIVE_TEXT = { connecting: 'Connecting…', open: 'Live', closed: 'Offline: reconnecting…' };

let user = null; // from /api/auth/me: id, email, roles
let agent = null; // from /api/agent/queue: id, name (the one shoppers see), presence, takesChats
let signedIn = false;
let flashFor = null; // the chat whose assignment the title is flashing for
const watchedMine = new Set();

const api = createApi({ onSessionLost: () => signOut('Your session has ended. Sign in again.') });
const notifier = createNotifier();
const canned = createCanned(api);
const live = createLive({ onFrame, onState, onOpen: resync, onRelayed });
const queue = createQueue(api, {
  relayed: (id) => live.relayed(id),
  onOpen: openChat,
  onClaimed: (handoff) => openChat(handoff.conversationId),
  onMine: watchMine,
  onMe: (me) => { if (me) agent = me; },
});
const conversation = createConversation(api, {
  live,
  canned,
  keepWatching: (id) => watchedMine.has(id),
  onChanged: () => queue.refresh(),
  me: () => {
    if (agent && user && agent.id === user.id) return { id: agent.id, name: agent.name };
    return user ? { id: user.id, name: user.email.split('@')[0] } : null;
  },
});
const signIn = createSignIn(api, {
  prefix: 'agent',
  allowed: mayAnswer,
  refusal: 'This account may not answer chats: the agent console needs the agent role.',
  onSignedIn: start,
  onSignedOut: () => signOut('You have signed out.', true),
});

function onFrame(frame) {
  switch (frame.type) {
    case 'ready':
      break;
    case 'queue_changed':
      queue.refresh();
      break;
    case 'watching':
      break;
    case 'account_disabled':
      signOut('An admin has disabled your account: you cannot answer chats any more.');
      break;
    case 'reconnect':
      // The server is shutting down; its close follows and live.js reconnects (onOpen refetches what was missed).
      break;
    case 'assigned':
      if (frame.handoff && typeof frame.handoff.conversationId === 'string') {
        const id = frame.handoff.conversationId;
        queue.refresh();
        // A chat the agent claimed or joined (here or in another tab) needs no call for attention.
        if (frame.routed !== false && conversation.current() !== id) {
          queue.fresh(id);
          flashFor = id;
          notifier.assigned(`New chat for you: ${reasonText(frame.handoff.reason)}`);
        } else if (conversation.current() === id) {
          conversation.reload();
        }
      }
      break;
    default:
      if (typeof frame.conversationId !== 'string') break;
      conversation.frame(frame);
      if (frame.type === 'message' && frame.from === 'shopper'
        && (frame.conversationId !== conversation.current() || document.hidden)) {
        queue.unread(frame.conversationId);
        notifier.unread(queue.totalUnread());
        notifier.message();
      }
  }
}

function onState(state) {
  liveBadge.dataset.state = state;
  liveBadge.textContent = LIVE_TEXT[state] || state;
}

// Which chats the server relays: shown on the chats (data-live), so one can tell a quiet chat from a deaf one.
function onRelayed() {
  queue.relayed();
  conversation.relayed();
}

// After a (re)connect: whatever changed while the channel was down.
function resync() {
  queue.refresh();
  conversation.reload();
  conversation.retryUnanswered();
}

// The agent's chats stay watched (unread badges); chats no longer theirs stop being watched.
function watchMine(handoffs) {
  const now = new Set(handoffs.map((h) => h.conversationId));
  for (const id of now) {
    if (!watchedMine.has(id)) {
      watchedMine.add(id);
      live.watch(id);
    }
  }
  for (const id of [...watchedMine]) {
    if (!now.has(id)) {
      watchedMine.delete(id);
      if (conversation.current() !== id) live.unwatch(id);
    }
  }
}

function openChat(id) {
  queue.select(id);
  notifier.unread(queue.totalUnread());
  if (flashFor === id) {
    flashFor = null;
    notifier.stop();
  }
  conversation.open(id);
}

document.addEventListener('visibilitychange', () => {
  const id = conversation.current();
  if (!document.hidden && id) {
    queue.select(id);
    notifier.unread(queue.totalUnread());
  }
});

function start(who) {
  if (!mayAnswer(who)) {
    signIn.show('This account may not answer chats: the agent console needs the agent role.');
    return;
  }
  user = who;
  signedIn = true;
  signIn.hide(who);
  consoleMain.hidden = false;
  for (const node of signedInOnly) node.hidden = false;
  live.start();
  queue.refresh();
  canned.load().catch(() => {
    // Without canned replies the console still works; the list stays empty.
  });
}

// explicit: the person clicked Sign out. A request that met the ended session first (a 401 while the logout was on
// its way) has already shown "session ended"; the sign-out's own notice still wins.
function signOut(message, explicit = false) {
  live.stop();
  conversation.reset();
  queue.reset();
  watchedMine.clear();
  flashFor = null;
  notifier.stop();
  notifier.unread(0);
  user = null;
  agent = null;
  consoleMain.hidden = true;
  for (const node of signedInOnly) node.hidden = true;
  // A first visit without a session is not an ended session: no notice then.
  if (signedIn || explicit) signIn.show(message);
  else signIn.showQuietly(); // a later 401 keeps the notice the first one showed
  signedIn = false;
}

api.me().then(start).catch(() => signIn.show(''));
