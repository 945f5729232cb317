// The entry list: search box, status, locale and tag filters, paging; picking an entry opens it in the editor.
// The tag box offers the tags of the entries listed so far; the API matches a tag exactly.

import { byTestId, el } from '../staff/dom.js';

const PAGE = 20;
const SEARCH_DELAY_MS = 250;

function item(entry, onPick) {
  const button = el('button', { className: 'pick', attrs: { type: 'button' } }, [
    el('span', { className: 'title', text: entry.title, attrs: { 'data-testid': 'kb-item-title' } }),
    el('span', { className: 'sub', text: `${entry.id} · ${entry.locale} · r${entry.revision}` }),
    entry.tags.length ? el('span', { className: 'tags', text: entry.tags.map((tag) => `#${tag}`).join(' '),
      attrs: { 'data-testid': 'kb-item-tags' } }) : null,
    el('span', { className: `badge ${entry.status}`, text: entry.status, attrs: { 'data-testid': 'kb-item-status' } }),
  ]);
  button.addEventListener('click', () => onPick(entry.id));
  return el('li', { attrs: { 'data-testid': 'kb-item', 'data-id': entry.id, 'data-status': entry.status,
    'data-locale': entry.locale } }, [button]);
}

/** Wires the list; onPick(id) opens an entry, onFailure(error) reports a failed load. */
export function createList(api, { onPick, onFailure }) {
  const filters = byTestId('kb-filters');
  const list = byTestId('kb-list');
  const count = byTestId('kb-count');
  const prev = byTestId('kb-prev');
  const next = byTestId('kb-next');
  const tagOptions = byTestId('kb-tag-options');
  const knownTags = new Set();
  let offset = 0;
  let selected = null;
  let timer = null;
  let latest = 0;

  async function refresh() {
    const ticket = ++latest;
    const filter = { limit: PAGE, offset };
    for (const name of ['q', 'status', 'locale', 'tag']) {
      const value = filters.elements[name].value.trim();
      if (value) filter[name] = value;
    }
    try {
      const page = await api.list(filter);
      if (ticket !== latest) return; // a newer search answered first, or will
      list.replaceChildren(...page.entries.map((entry) => item(entry, onPick)));
      markSelected();
      learnTags(page.entries);
      const last = Math.min(page.offset + page.entries.length, page.total);
      count.textContent = page.total === 0 ? 'No entries match.'
        : `${page.offset + 1}–${last} of ${page.total}`;
      prev.disabled = page.offset === 0;
      next.disabled = last >= page.total;
    } catch (error) {
      onFailure(error);
    }
  }

  function learnTags(entries) {
    const before = knownTags.size;
    for (const entry of entries) for (const tag of entry.tags) knownTags.add(tag);
    if (knownTags.size === before) return;
    tagOptions.replaceChildren(...[...knownTags].sort().map((tag) => el('option', { attrs: { value: tag } })));
  }

  function markSelected() {
    for (const node of list.children) node.classList.toggle('selected', node.dataset.id === selected);
  }

  function fromStart() {
    offset = 0;
    refresh();
  }

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    fromStart();
  });
  for (const typed of [filters.elements.q, filters.elements.tag]) {
    typed.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(fromStart, SEARCH_DELAY_MS);
    });
  }
  filters.elements.status.addEventListener('change', fromStart);
  filters.elements.locale.addEventListener('change', fromStart);
  prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE); refresh(); });
  next.addEventListener('click', () => { offset += PAGE; refresh(); });

  return {
    refresh,
    /** Highlights the entry open in the editor ({@code null}: none). */
    select(id) {
      selected = id;
      markSelected();
    },
  };
}
