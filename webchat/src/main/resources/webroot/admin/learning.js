// The learning loop: the NLU inbox reviewed one keystroke per message (Enter confirms the model's intent, 1-5 pick
// from its ranking, o marks out of scope, c takes what the shopper tapped in "did you mean", / types an intent, j/k or
// the arrows move), retrains with their progress, the model versions (promote, roll back) and knowledge gaps turned into draft entries. Text goes in as textContent.

import { byTestId, el, say, when } from '../staff/dom.js';

const REASONS = { low_confidence: 'low confidence', clarification: 'asked “did you mean”', oos: 'out of scope',
  fallback: 'not understood', handoff: 'handed to a person' };
const RANKED = 5;
const BASE = 'learning/';

/** Wires the learning panel; onFailure(error) reports a failed load. */
export function createLearning(api, { onFailure }) {
  const inbox = byTestId('learning-inbox');
  const count = byTestId('learning-pending');
  const status = byTestId('learning-status');
  const typed = byTestId('learning-typed');
  const typedInput = byTestId('learning-typed-intent');
  const intentList = byTestId('learning-intents');
  const progress = byTestId('learning-progress');
  const models = byTestId('learning-models');
  const gaps = byTestId('learning-gaps');
  let items = [];
  let intents = [];
  let current = 0;
  let polling = null;

  function ranking(item) {
    return (item.ranking || []).slice(0, RANKED);
  }

  function row(item, index) {
    const choices = el('ul', { className: 'ranking' }, ranking(item).map((r, i) =>
      el('li', { text: `${i + 1} ${r.intent} ${Math.round(r.confidence * 100)}%` })));
    const reasons = (item.reasons || []).map((r) => REASONS[r] || r).join(', ')
      + (item.chosenIntent ? `; the shopper then chose ${item.chosenIntent} (c)` : '');
    return el('li', { className: index === current ? 'item current' : 'item',
      attrs: { 'data-testid': 'learning-item', 'data-id': String(item.id), 'aria-selected': String(index === current) } },
    [
      el('p', { className: 'text', text: item.text, attrs: { 'data-testid': 'learning-item-text' } }),
      el('p', { className: 'why', text: `read as ${item.intent} (${Math.round(item.confidence * 100)}%): ${reasons}` }),
      choices,
    ]);
  }

  function render() {
    inbox.replaceChildren(...items.map(row));
    count.textContent = items.length === 0 ? 'Nothing to review.' : `${items.length} to review`;
    const shown = inbox.children[current];
    if (shown) shown.scrollIntoView({ block: 'nearest' });
  }

  async function refresh() {
    try {
      const answer = await api.admin('GET', BASE + 'inbox?limit=100');
      items = answer.items;
      intents = answer.intents;
      intentList.replaceChildren(...intents.map((name) => el('option', { attrs: { value: name } })));
      current = Math.min(current, Math.max(0, items.length - 1));
      render();
      await Promise.all([refreshModels(), refreshGaps(), refreshProgress()]);
    } catch (error) {
      onFailure(error);
    }
  }

  async function review(intent) {
    const item = items[current];
    if (!item || !intent) return;
    try {
      await api.admin('POST', `${BASE}inbox/${item.id}/review`, { intent });
      items.splice(current, 1);
      current = Math.min(current, Math.max(0, items.length - 1));
      render();
      say(status, `“${item.text}” is ${intent === 'oos' ? 'out of scope' : intent}.`, 'ok');
      inbox.focus();
    } catch (error) {
      if (error.status !== 401) say(status, error.message, 'error');
    }
  }

  function askIntent() {
    typed.hidden = false;
    typedInput.value = '';
    typedInput.focus();
  }

  inbox.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || items.length === 0) return;
    const item = items[current];
    const key = event.key;
    let handled = true;
    if (key === 'Enter') review(item.intent);
    else if (/^[1-5]$/.test(key) && ranking(item)[Number(key) - 1]) review(ranking(item)[Number(key) - 1].intent);
    else if (key === 'o') review('oos');
    else if (key === 'c' && item.chosenIntent) review(item.chosenIntent);
    else if (key === '/') askIntent();
    else if (key === 'j' || key === 'ArrowDown') { current = Math.min(items.length - 1, current + 1); render(); }
    else if (key === 'k' || key === 'ArrowUp') { current = Math.max(0, current - 1); render(); }
    else handled = false;
    if (handled) event.preventDefault();
  });

  typed.addEventListener('submit', (event) => {
    event.preventDefault();
    const intent = typedInput.value.trim();
    if (!intents.includes(intent)) {
      say(status, `“${intent}” is no intent of the model.`, 'error');
      return;
    }
    typed.hidden = true;
    review(intent);
  });
  typedInput.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      typed.hidden = true;
      inbox.focus();
    }
  });

  function describe(p) {
    if (!p || p.state === 'idle') return 'No retrain has run since the server started.';
    if (p.state === 'training') {
      const epoch = p.epoch ? `epoch ${p.epoch}/${p.epochs}` : 'starting';
      return `Training: ${epoch}${p.batch ? `, batch ${p.batch}/${p.batches}` : ''}${p.loss ? `, loss ${p.loss}` : ''}`;
    }
    if (p.state === 'evaluating') return 'Evaluating the candidate against the serving model…';
    if (p.state === 'done') return `Done: candidate ${p.candidate}${p.loss ? ` (loss ${p.loss})` : ''}.`;
    return `Failed: ${p.error}`;
  }

  async function refreshProgress() {
    try {
      const p = await api.admin('GET', BASE + 'retrain');
      progress.textContent = describe(p);
      const busy = p.state === 'training' || p.state === 'evaluating';
      if (busy && !polling) polling = setInterval(refreshProgress, 1000);
      if (!busy && polling) {
        clearInterval(polling);
        polling = null;
        refreshModels();
      }
    } catch (error) {
      progress.textContent = error.code === 'no_model' ? error.message : describe(null);
    }
  }

  function figures(m, side) {
    const f = m.metrics && m.metrics[side];
    return f ? `${f.accuracy} / ${f.macroF1}` : '';
  }

  function modelRow(m) {
    const buttons = [];
    if (m.status === 'candidate' || m.status === 'retired') {
      const promote = el('button', { className: 'quiet', text: 'Promote',
        attrs: { type: 'button', 'data-testid': 'learning-promote' } });
      promote.addEventListener('click', () => change(() => api.admin('POST', `${BASE}models/${m.version}/promote`),
        `Model ${m.version} serves now.`));
      buttons.push(promote);
    }
    return el('tr', { attrs: { 'data-testid': 'learning-model', 'data-version': m.version } }, [
      el('td', { text: m.version }), el('td', { text: m.status }), el('td', { text: m.parent || '' }),
      el('td', { text: figures(m, 'candidate') }), el('td', { text: figures(m, 'serving') }),
      el('td', { text: when(m.createdAt) }), el('td', {}, buttons),
    ]);
  }

  async function refreshModels() {
    try {
      const answer = await api.admin('GET', BASE + 'models');
      models.replaceChildren(...answer.models.map(modelRow));
    } catch (error) {
      onFailure(error);
    }
  }

  async function change(call, message) {
    try {
      await call();
      say(status, message, 'ok');
    } catch (error) {
      if (error.status !== 401) say(status, error.message, 'error');
    }
    refreshModels();
    refreshProgress();
  }

  function gapRow(cluster) {
    const answer = el('textarea', { attrs: { rows: '2', maxlength: '5000', 'data-testid': 'learning-gap-answer',
      placeholder: 'The answer for these questions' } });
    const draft = el('button', { text: 'Draft entry', attrs: { type: 'button', 'data-testid': 'learning-gap-draft' } });
    draft.addEventListener('click', () => change(async () => {
      const entry = await api.admin('POST', BASE + 'gaps/draft',
        { items: cluster.items.map((i) => i.id), answer: answer.value });
      say(status, `Draft ${entry.id} created: edit and publish it in the entries.`, 'ok');
      refreshGaps();
    }, ''));
    return el('li', { attrs: { 'data-testid': 'learning-gap' } }, [
      el('p', { text: `${cluster.size} question(s) about ${cluster.words.join(', ')}` }),
      el('ul', {}, cluster.questions.map((q) => el('li', { text: q }))),
      answer, draft,
    ]);
  }

  async function refreshGaps() {
    try {
      const answer = await api.admin('GET', BASE + 'gaps?limit=20');
      gaps.replaceChildren(...answer.clusters.map(gapRow));
    } catch (error) {
      onFailure(error);
    }
  }

  byTestId('learning-retrain').addEventListener('click', () =>
    change(() => api.admin('POST', BASE + 'retrain'), 'Retrain started.'));
  byTestId('learning-rollback').addEventListener('click', () =>
    change(() => api.admin('POST', BASE + 'rollback'), 'Rolled back to the model served before.'));
  byTestId('learning-refresh').addEventListener('click', refresh);

  return { refresh };
}
