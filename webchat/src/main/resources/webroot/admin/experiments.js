// Recommendation experiments: the list, the new-experiment form (variants with strategy, cards and traffic
// share), start / stop / roll out a winner, and the results per variant. All text goes in as textContent.

import { byTestId, el, say, when } from '../staff/dom.js';

const STRATEGIES = ['hybrid', 'popularity', 'content'];

const percent = (x) => `${(x * 100).toFixed(1)} %`;
const interval = (rate) => `${percent(rate.rate)} (${percent(rate.low)}–${percent(rate.high)})`;

function pValue(rate) {
  if (rate.p === null || rate.p === undefined) return '—';
  return `${rate.p < 0.001 ? '< 0.001' : rate.p.toFixed(3)}${rate.significant ? ' ★' : ''}`;
}

function variantRow({ name = '', strategy = 'hybrid', cardsEnabled = true, weight = 50 } = {}) {
  const select = el('select', { attrs: { name: 'strategy', 'data-testid': 'exp-variant-strategy' } },
    STRATEGIES.map((s) => el('option', { attrs: { value: s }, text: s })));
  select.value = strategy;
  const cards = el('input', { attrs: { type: 'checkbox', name: 'cards', 'data-testid': 'exp-variant-cards' } });
  cards.checked = cardsEnabled;
  const remove = el('button', { className: 'quiet', attrs: { type: 'button' }, text: 'Remove' });
  const row = el('tr', { attrs: { 'data-testid': 'exp-variant' } }, [
    el('td', {}, [el('input', { attrs: { name: 'variant', maxlength: '40', 'aria-label': 'Variant name',
      'data-testid': 'exp-variant-name' } })]),
    el('td', {}, [select]),
    el('td', {}, [cards]),
    el('td', {}, [el('input', { attrs: { name: 'weight', type: 'number', min: '1', max: '100',
      'aria-label': 'Traffic percent', 'data-testid': 'exp-variant-weight' } })]),
    el('td', {}, [remove]),
  ]);
  row.querySelector('[name=variant]').value = name;
  row.querySelector('[name=weight]').value = String(weight);
  remove.addEventListener('click', () => row.remove());
  return row;
}

function resultRow(result, metric, leader) {
  const rate = metric === 'ctr' ? result.ctr : result.conversion;
  const row = el('tr', { className: result.name === leader ? 'leader' : '', attrs: { 'data-testid': 'exp-result',
    'data-variant': result.name } }, [
    el('td', { text: result.control ? `${result.name} (control)` : result.name }),
    el('td', { text: result.impressions, attrs: { 'data-testid': 'exp-result-impressions' } }),
    el('td', { text: result.clicks }),
    el('td', { text: interval(result.ctr), attrs: { 'data-testid': 'exp-result-ctr' } }),
    el('td', { text: result.purchases }),
    el('td', { text: interval(result.conversion), attrs: { 'data-testid': 'exp-result-conversion' } }),
    el('td', { text: pValue(rate), attrs: { 'data-testid': 'exp-result-p' } }),
  ]);
  return row;
}

/** Wires the experiments panel; onFailure(error) reports a failed load. */
export function createExperiments(api, { onFailure }) {
  const list = byTestId('exp-list');
  const settings = byTestId('exp-settings');
  const form = byTestId('exp-form');
  const variants = byTestId('exp-variants');
  const formStatus = byTestId('exp-form-status');
  const detail = byTestId('exp-detail');
  const detailStatus = byTestId('exp-detail-status');
  const winner = byTestId('exp-winner');
  let current = null;

  function resetForm() {
    form.reset();
    variants.replaceChildren(variantRow({ name: 'A', strategy: 'hybrid' }),
      variantRow({ name: 'B', strategy: 'popularity' }));
  }

  async function refresh() {
    try {
      const page = await api.experiments();
      const s = page.settings;
      settings.textContent = `Outside an experiment: ${s.strategy}, cards ${s.cardsEnabled ? 'on' : 'off'}`
        + (s.experimentId ? ` (rolled out from ${s.experimentId})` : '');
      list.replaceChildren(...page.experiments.map((e) => {
        const button = el('button', { className: 'pick', attrs: { type: 'button' } }, [
          el('span', { className: 'title', text: e.name, attrs: { 'data-testid': 'exp-item-name' } }),
          el('span', { className: 'sub', text: `${e.id} · ${e.metric} · ${e.variants.length} variants` }),
          el('span', { className: `badge ${e.status}`, text: e.status, attrs: { 'data-testid': 'exp-item-status' } }),
        ]);
        button.addEventListener('click', () => open(e.id));
        return el('li', { attrs: { 'data-testid': 'exp-item', 'data-id': e.id, 'data-status': e.status } }, [button]);
      }));
    } catch (error) {
      onFailure(error);
    }
  }

  async function open(id, message, kind = 'ok') {
    try {
      show(await api.experiment(id));
      say(detailStatus, message, kind);
    } catch (error) {
      if (error.status !== 401) say(detailStatus, `Could not load: ${error.message}`, 'error');
    }
  }

  function show(report) {
    current = report;
    detail.hidden = false;
    detail.dataset.status = report.status;
    byTestId('exp-detail-name').textContent = report.name;
    byTestId('exp-detail-meta').textContent = [report.status, `judged on ${report.metric}`,
      `window ${report.windowHours} h`, report.id, report.startedAt ? `started ${when(report.startedAt)}` : '',
      report.winner ? `winner ${report.winner}` : ''].filter(Boolean).join(' · ');
    winner.replaceChildren(...report.variants.map((v) => el('option', { attrs: { value: v.name }, text: v.name })));
    byTestId('exp-start').disabled = report.status !== 'draft';
    for (const id of ['exp-stop', 'exp-rollout']) byTestId(id).disabled = report.status !== 'running';
    winner.disabled = report.status !== 'running';
    const results = report.results;
    byTestId('exp-results').replaceChildren(
      ...results.variants.map((r) => resultRow(r, results.metric, results.leader)));
  }

  async function act(action, message) {
    if (!current) return;
    try {
      const changed = await action(current.id);
      await refresh();
      await open(changed.id, message);
    } catch (error) {
      if (error.status !== 401) say(detailStatus, error.message, 'error');
    }
  }

  function definition() {
    const rows = [...variants.querySelectorAll('[data-testid=exp-variant]')];
    return {
      name: form.elements.name.value.trim(),
      metric: form.elements.metric.value,
      windowHours: Number(form.elements.windowHours.value),
      variants: rows.map((row) => ({
        name: row.querySelector('[name=variant]').value.trim(),
        strategy: row.querySelector('[name=strategy]').value,
        cardsEnabled: row.querySelector('[name=cards]').checked,
        weight: Number(row.querySelector('[name=weight]').value),
      })),
    };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await api.createExperiment(definition());
      say(formStatus, `Created ${created.name} as a draft.`, 'ok');
      resetForm();
      await refresh();
      await open(created.id);
    } catch (error) {
      if (error.status !== 401) say(formStatus, error.message, 'error');
    }
  });
  byTestId('exp-add-variant').addEventListener('click', () => variants.append(variantRow({ weight: 0 })));
  byTestId('exp-start').addEventListener('click', () => act(api.startExperiment, 'Started.'));
  byTestId('exp-stop').addEventListener('click', () => act((id) => api.stopExperiment(id), 'Stopped.'));
  byTestId('exp-rollout').addEventListener('click', () => act((id) => api.stopExperiment(id, winner.value),
    `Stopped; ${winner.value} is rolled out to everyone.`));
  byTestId('exp-refresh').addEventListener('click', () => current && open(current.id));

  resetForm();
  return { refresh };
}
