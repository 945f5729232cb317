// Tiny DOM helpers for the admin console. Text goes in through textContent only: entries hold whatever staff
// typed or imported, markup included, and must show as typed.

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
  if (!node) throw new Error(`admin console: no element [data-testid="${id}"]`);
  return node;
}

/** Shows a message in a status line; kind is "error", "ok" or "" (plain). */
export function say(node, message, kind = '') {
  node.textContent = message || '';
  node.dataset.kind = kind;
  node.hidden = !message;
}

/** A date and time the reader's browser would write, from an ISO string. */
export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
