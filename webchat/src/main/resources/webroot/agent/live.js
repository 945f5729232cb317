// The console's live channel, /api/agent/ws (same origin, same session cookie): queue_changed, assigned, and the
// frames of the conversations it watches. While the console is signed in the channel is kept open: after a drop it
// reconnects with a growing delay and watches again what it watched, and onOpen() lets the console refetch what it
// may have missed. An open channel makes an agent online (docs/handoff.md).

const MAX_DELAY_MS = 15000;

/**
 * onFrame(frame) for every frame; onState('connecting' | 'open' | 'closed'); onOpen() after each (re)connect;
 * onRelayed() when the set of conversations the server confirmed it relays ("watching") changes.
 */
export function createLive({ onFrame, onState, onOpen, onRelayed }) {
  const watched = new Set();
  const relayed = new Set();
  let socket = null;
  let wanted = false;
  let attempt = 0;
  let timer = null;

  function url() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/agent/ws';
  }

  function connect() {
    timer = null;
    onState('connecting');
    const ws = new WebSocket(url());
    socket = ws;
    ws.addEventListener('open', () => {
      if (socket !== ws) return;
      attempt = 0;
      onState('open');
      for (const id of watched) send({ type: 'watch', conversationId: id });
      onOpen();
    });
    ws.addEventListener('message', (event) => {
      if (socket !== ws) return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return;
      if (frame.type === 'watching' && watched.has(frame.conversationId)) {
        relayed.add(frame.conversationId);
        onRelayed();
      }
      onFrame(frame);
    });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      relayed.clear();
      onRelayed();
      onState('closed');
      if (wanted) {
        const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);
        attempt += 1;
        timer = setTimeout(connect, delay);
      }
    });
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  return {
    start() {
      if (wanted) return;
      wanted = true;
      attempt = 0;
      connect();
    },
    stop() {
      wanted = false;
      clearTimeout(timer);
      timer = null;
      watched.clear();
      relayed.clear();
      onRelayed();
      const ws = socket;
      socket = null;
      if (ws) ws.close(1000, 'signed out');
      onState('closed');
    },
    /** Frames of this conversation arrive (with its conversationId) until unwatch. */
    watch(id) {
      if (watched.has(id)) return;
      watched.add(id);
      send({ type: 'watch', conversationId: id });
    },
    unwatch(id) {
      if (!watched.delete(id)) return;
      relayed.delete(id);
      onRelayed();
      send({ type: 'unwatch', conversationId: id });
    },
    /** Whether the server confirmed it relays this conversation's frames. */
    relayed: (id) => relayed.has(id),
  };
}
