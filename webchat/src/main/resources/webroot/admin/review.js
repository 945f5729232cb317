// The Conversations panel (review): search conversations by text, intent, outcome, rating and period, open one and
// read its transcript with, on every bot turn, the intent, confidence, flow and model version the bot had. Every
// message is whatever a shopper or agent typed: it goes in as textContent only.

import { byTestId, el, say, when } from '../staff/dom.js';
import { download, figureTable, toCsv } from './tables.js';

const isoDay = (date) => date.toISOString().slice(0, 10);

function searchForm() {
  const today = new Date();
  const field = (label, control) => el('label', { text: label }, [control]);
  const input = (name, attrs = {}) => el('input', { attrs: { name, 'data-testid': `rv-${name}`, ...attrs } });
  const select = (name, options) => el('select', { attrs: { name, 'data-testid': `rv-${name}` } },
    options.map(([value, text]) => el('option', { attrs: { value }, text })));
  return el('form', { className: 'rv-search', attrs: { 'data-testid': 'rv-search', novalidate: '' } }, [
    field('Text', input('q', { type: 'search', maxlength: '200', placeholder: 'words in any message' })),
    field('Intent', input('intent', { placeholder: 'e.g. track_order' })),
    field('Outcome', select('outcome', [['', 'Any'], ['contained', 'Contained'], ['handed_off', 'Handed off']])),
    field('Rating', select('rating', [['', 'Any'], ['1', '1'], ['2', '2'], ['3', '3'], ['4', '4'], ['5', '5']])),
    field('From', input('from', { type: 'date', value: isoDay(new Date(today.getTime() - 29 * 86_400_000)) })),
    field('To', input('to', { type: 'date', value: isoDay(today) })),
    el('button', { text: 'Search', attrs: { type: 'submit', 'data-testid': 'rv-submit' } }),
  ]);
}

function turnMeta(m) {
  if (m.sender !== 'bot') return null;
  const parts = [`intent ${m.intent ?? '–'}`,
    `confidence ${m.confidence === null || m.confidence === undefined ? '–' : m.confidence.toFixed(2)}`,
    `flow ${m.flow ?? '–'}`, `model ${m.modelVersion ?? '–'}`];
  if (m.latencyMs !== null && m.latencyMs !== undefined) parts.push(`${m.latencyMs} ms`);
  if (m.sources && m.sources.length) parts.push(`knowledge ${m.sources.map((s) => s.id).join(', ')}`);
  return el('p', { className: 'turn-meta', text: parts.join(' · '), attrs: { 'data-testid': 'rv-turn-meta' } }, [
  ]);
}

function messageItem(m) {
  const item = el('li', { className: `msg ${m.sender}`, attrs: { 'data-testid': 'rv-message', 'data-sender': m.sender,
    'data-seq': String(m.seq) } }, [
    el('span', { className: 'who', text: `${m.seq}. ${m.sender}` }),
    el('time', { text: when(m.at) }),
    el('p', { className: 'text', text: m.text, attrs: { 'data-testid': 'rv-message-text' } }),
    turnMeta(m),
  ]);
  if (m.sender === 'bot') {
    item.dataset.intent = m.intent ?? '';
    item.dataset.modelVersion = m.modelVersion ?? '';
  }
  return item;
}

/** Wires the panel into the console; refresh() runs the search as the form stands. */
export function createReview(api, { onFailure }) {
  const form = searchForm();
  const status = el('p', { className: 'status', attrs: { role: 'status', 'data-testid': 'rv-status', hidden: '' } });
  const results = el('div', { attrs: { 'data-testid': 'rv-results' } });
  const transcript = el('section', { className: 'transcript', attrs: { 'data-testid': 'rv-transcript', hidden: '' } });
  byTestId('admin-console').append(el('section', { className: 'panel review', attrs: { 'data-testid': 'rv-panel',
    'aria-labelledby': 'review-heading' } }, [
    el('h2', { text: 'Conversations', attrs: { id: 'review-heading' } }),
    el('p', { className: 'hint', text: 'Search conversations started in the period; open one to read every bot '
      + 'turn with what the bot understood.' }),
    form, status, results, transcript]));

  async function refresh() {
    const search = {};
    for (const name of ['q', 'intent', 'outcome', 'rating', 'from', 'to']) {
      const value = form.elements[name].value.trim();
      if (value) search[name] = value;
    }
    try {
      const page = await api.conversations(search);
      say(status, `${page.conversations.length} conversation${page.conversations.length === 1 ? '' : 's'}`
        + (page.conversations.length === page.limit ? ' (the newest shown)' : ''), 'ok');
      results.replaceChildren(figureTable('rv-list', 'Matching conversations', [
        { key: 'startedAt', title: 'Started', show: (r) => when(r.startedAt) }, { key: 'id', title: 'Conversation' },
        { key: 'locale', title: 'Locale' }, { key: 'channel', title: 'Channel' },
        { key: 'outcome', title: 'Outcome' }, { key: 'rating', title: 'Rating', show: (r) => r.rating ?? '–' },
        { key: 'messages', title: 'Messages' }, { key: 'firstMessage', title: 'First message' }],
      page.conversations, { file: 'conversations.csv' }));
      results.querySelectorAll('[data-testid=rv-list-row]').forEach((row, i) => {
        const id = page.conversations[i].id;
        const open = el('button', { className: 'quiet', text: 'Open', attrs: { type: 'button',
          'data-testid': 'rv-open', 'data-id': id } });
        open.addEventListener('click', () => show(id));
        row.append(el('td', {}, [open]));
      });
    } catch (error) {
      if (error.status === 401) return;
      say(status, `Could not search: ${error.message}`, 'error');
      if (!error.status) onFailure(error);
    }
  }

  async function show(id) {
    try {
      const c = await api.conversation(id);
      const save = el('button', { className: 'quiet', text: 'Export CSV', attrs: { type: 'button',
        'data-testid': 'rv-transcript-csv' } });
      save.addEventListener('click', () => download(`conversation-${c.id}.csv`, toCsv([
        { key: 'seq', title: 'seq' }, { key: 'sender', title: 'sender' }, { key: 'at', title: 'at' },
        { key: 'text', title: 'text' }, { key: 'intent', title: 'intent' }, { key: 'confidence', title: 'confidence' },
        { key: 'flow', title: 'flow' }, { key: 'modelVersion', title: 'model version' },
        { key: 'latencyMs', title: 'latency ms' }], c.messages)));
      const facts = [c.id, c.locale, c.channel, c.outcome === 'handed_off' ? 'handed off' : 'contained',
        `started ${when(c.startedAt)}`, ...c.handoffs.map((h) => `handoff: ${h.reason} (${h.state})`),
        ...c.ratings.map((r) => `rated ${r.rating}/5${r.comment ? `: ${r.comment}` : ''}`)];
      transcript.replaceChildren(
        el('div', { className: 'table-head' }, [el('h3', { text: 'Transcript', attrs: {
          'data-testid': 'rv-transcript-title' } }), save]),
        el('p', { className: 'meta', text: facts.join(' · '), attrs: { 'data-testid': 'rv-transcript-meta' } }),
        el('ol', { className: 'messages', attrs: { 'data-testid': 'rv-messages' } }, c.messages.map(messageItem)));
      transcript.hidden = false;
      transcript.dataset.id = c.id;
    } catch (error) {
      if (error.status !== 401) say(status, `Could not open: ${error.message}`, 'error');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  return { refresh };
}
