// Tiny DOM helpers for the staff consoles (admin and agent). Text goes in through textContent only: entries,
// shoppers and agents hold whatever someone typed or imported, markup included, and it must show as typed.

/** An element with optional class, attributes (testid among them), text and children. */
export function el(tag, { className, attrs, text } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (attrs) for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** The single element with this data-testid inside root (the document by default). */
export function byTestId(id, root = document) {
  const node = root.querySelector(`[data-testid="${id}"]`);
  if (!node) throw new Error(`console: no element [data-testid="${id}"]`);
  return node;
}

/** Shows a message in a status line; kind is "error", "ok" or "" (plain). */
export function say(node, message, kind = '') {
  node.textContent = message || '';
  node.dataset.kind = kind;
  node.hidden = !message;
}

/** Removes every child of a node. */
export function clear(node) {
  node.replaceChildren();
}

/** A date and time the reader's browser would write, from an ISO string. */
export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
/** A time of day the reader's browser would write, from an ISO string. */
export function clock(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** How long ago an ISO time was, briefly: "just now", "4 min", "1 h 5 min". */
export function waited(iso, now = Date.now()) {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  const minutes = Math.max(0, Math.floor((now - then) / 60000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
