// The Analytics panel: a period (UTC days), locale and channel; figure tiles; charts drawn by Apache ECharts (its
// WebJar, served by our server at /admin/vendor/echarts.min.js); tables that download as CSV. The figures and their
// definitions are the API's (docs/analytics.md): this module only shows them. Text goes in as textContent, and
// chart labels are plain text options (ECharts draws them as SVG text, never as markup).

import { byTestId, el, say, when } from '../staff/dom.js';
import { figureTable } from './tables.js';

const ECHARTS = '/admin/vendor/echarts.min.js';
const percent = (x) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);
const number = (x, digits = 0) => (x === null || x === undefined ? '–' : Number(x).toFixed(digits));
const euros = (cents) => `€${(cents / 100).toFixed(2)}`;
const seconds = (s) => (s === null || s === undefined ? '–'
  : s < 90 ? `${Math.round(s)} s` : `${(s / 60).toFixed(1)} min`);

let echartsLoading = null;

/** ECharts, loaded once on first use (a classic script: it sets window.echarts). */
export function loadEcharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  echartsLoading ??= new Promise((resolve, reject) => {
    const script = el('script', { attrs: { src: ECHARTS } });
    script.addEventListener('load', () => resolve(window.echarts));
    script.addEventListener('error', () => {
      echartsLoading = null;
      reject(new Error('could not load the charting library'));
    });
    document.head.append(script);
  });
  return echartsLoading;
}

/** Adds the panel's stylesheet once (kept out of admin.css, which every panel shares). */
export function addStyles() {
  if (document.querySelector('link[data-analytics-css]')) return;
  document.head.append(el('link', { attrs: { rel: 'stylesheet', href: '/admin/analytics.css',
    'data-analytics-css': '' } }));
}

const isoDay = (date) => date.toISOString().slice(0, 10);

function filterForm() {
  const today = new Date();
  const from = new Date(today.getTime() - 29 * 86_400_000);
  const input = (name, type, value, label) => el('label', { text: label }, [el('input', {
    attrs: { name, type, value, 'data-testid': `an-${name}` } })]);
  const locale = el('select', { attrs: { name: 'locale', 'data-testid': 'an-locale' } }, [
    el('option', { attrs: { value: '' }, text: 'All' }), el('option', { attrs: { value: 'en' }, text: 'English' }),
    el('option', { attrs: { value: 'zh' }, text: 'Chinese' })]);
  return el('form', { className: 'an-filters', attrs: { 'data-testid': 'an-filters', novalidate: '' } }, [
    input('from', 'date', isoDay(from), 'From'), input('to', 'date', isoDay(today), 'To (UTC days)'),
    el('label', { text: 'Locale' }, [locale]),
    el('label', { text: 'Channel' }, [el('input', { attrs: { name: 'channel', placeholder: 'all (web: the widget)',
      'data-testid': 'an-channel' } })]),
    el('button', { text: 'Show', attrs: { type: 'submit', 'data-testid': 'an-apply' } }),
    el('button', { className: 'quiet', text: 'Recompute now', attrs: { type: 'button',
      'data-testid': 'an-recompute' } }),
  ]);
}

function tiles(d) {
  const t = d.totals;
  const tile = (id, label, value, sub) => el('div', { className: 'tile', attrs: { 'data-testid': `an-kpi-${id}` } }, [
    el('span', { className: 'label', text: label }),
    el('span', { className: 'value', text: value, attrs: { 'data-testid': `an-kpi-${id}-value` } }),
    el('span', { className: 'sub', text: sub }),
  ]);
  const funnel = d.commerce.funnel;
  return [
    tile('conversations', 'Conversations', String(t.conversations), `${t.botTurns} bot turns`),
    tile('containment', 'Containment', percent(t.containmentRate), `${t.contained} without a person`),
    tile('handoff', 'Handoff rate', percent(t.handoffRate), `${t.handedOff} handed to a person`),
    tile('wait', 'Average wait', seconds(d.wait.averageSeconds), `${d.wait.unanswered} never answered`),
    tile('csat', 'CSAT', d.csat.average === null ? '–' : `${number(d.csat.average, 2)} / 5`,
      `${d.csat.ratings} ratings, ${percent(d.csat.satisfiedRate)} 4–5`),
    tile('fallback', 'Fallback (oos)', percent(t.fallbackRate), `${t.fallbackTurns} of ${t.botTurns} turns`),
    tile('ctr', 'Card CTR', percent(funnel.ctr), `${funnel.clicks} of ${funnel.impressions} impressions`),
    tile('revenue', 'Revenue influenced', euros(d.commerce.revenueInfluencedCents),
      `${d.commerce.influencedPurchases} attributed purchases`),
  ];
}

/** The chart options, one per chart container; plain data, no formatter functions that build markup. */
function chartOptions(d) {
  const days = d.days.map((r) => r.day);
  const base = { animation: false, tooltip: { trigger: 'item' }, grid: { left: 48, right: 48, top: 36, bottom: 36 } };
  return {
    'an-chart-days': { ...base, tooltip: { trigger: 'axis' }, legend: { top: 0 },
      xAxis: { type: 'category', data: days },
      yAxis: [{ type: 'value', name: 'conversations', minInterval: 1 }, { type: 'value', max: 100, name: '%' }],
      series: [
        { name: 'Contained', type: 'bar', stack: 'c', data: d.days.map((r) => r.contained) },
        { name: 'Handed off', type: 'bar', stack: 'c', data: d.days.map((r) => r.handedOff) },
        { name: 'Containment %', type: 'line', yAxisIndex: 1,
          data: d.days.map((r) => (r.containmentRate === null ? null : +(r.containmentRate * 100).toFixed(1))) },
      ] },
    'an-chart-reasons': { ...base, series: [{ name: 'Handoff reasons', type: 'pie', radius: ['35%', '65%'],
      data: d.handoffReasons.map((r) => ({ name: r.reason, value: r.handoffs })) }] },
    'an-chart-csat': { ...base, xAxis: { type: 'category', data: ['1', '2', '3', '4', '5'], name: 'rating' },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: 'Ratings', type: 'bar', data: d.csat.distribution.map((r) => r.ratings) }] },
    'an-chart-funnel': { ...base, series: [{ name: 'Recommendations', type: 'funnel', sort: 'none', left: '10%',
      width: '80%', label: { show: true, position: 'inside' },
      data: [['Impressions', 'impressions'], ['Clicks', 'clicks'], ['Add to cart', 'addToCarts'],
        ['Purchases', 'purchases']].map(([name, key]) => ({ name, value: d.commerce.funnel[key] })) }] },
    'an-chart-intents': { ...base, grid: { left: 150, right: 24, top: 12, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: d.intents.slice(0, 10).map((r) => r.intent ?? '(none)') },
      series: [{ name: 'Bot turns', type: 'bar', data: d.intents.slice(0, 10).map((r) => r.turns) }] },
  };
}

const CHARTS = [['an-chart-days', 'Conversations by day'], ['an-chart-reasons', 'Handoff reasons'],
  ['an-chart-csat', 'CSAT distribution'], ['an-chart-funnel', 'Recommendation funnel'],
  ['an-chart-intents', 'Top intents']];

function tables(d) {
  const share = (key) => ({ key, show: (r) => percent(r[key]) });
  const variants = d.commerce.experiments.flatMap((e) => e.results.variants.map((v) => ({ ...v,
    experiment: e.name, ctrRate: v.ctr.rate, ctrLow: v.ctr.low, ctrHigh: v.ctr.high, convRate: v.conversion.rate,
    convLow: v.conversion.low, convHigh: v.conversion.high, p: (e.results.metric === 'ctr' ? v.ctr : v.conversion).p })));
  const ci = (rate, low, high) => (r) => `${percent(r[rate])} (${percent(r[low])}–${percent(r[high])})`;
  const chat = d.commerce.chatVsNoChat;
  return [
    figureTable('an-days', 'By day', [{ key: 'day', title: 'Day' }, { key: 'conversations', title: 'Conversations' },
      { key: 'contained', title: 'Contained' }, { key: 'handedOff', title: 'Handed off' },
      { ...share('containmentRate'), title: 'Containment' }, { key: 'botTurns', title: 'Bot turns' },
      { ...share('fallbackRate'), title: 'Fallback (oos)' }], d.days),
    figureTable('an-reasons', 'Handoff reasons', [{ key: 'reason', title: 'Reason' },
      { key: 'handoffs', title: 'Conversations' }], d.handoffReasons),
    figureTable('an-intents', 'Intents', [{ key: 'intent', title: 'Intent' }, { key: 'turns', title: 'Bot turns' },
      { key: 'averageConfidence', title: 'Average confidence', show: (r) => number(r.averageConfidence, 3) }],
    d.intents),
    figureTable('an-kb-used', 'Knowledge entries most used', [{ key: 'id', title: 'Entry' },
      { key: 'title', title: 'Title' }, { key: 'uses', title: 'Answers' }, { key: 'handoffs', title: 'Before a handoff' }],
    d.knowledge.mostUsed),
    figureTable('an-kb-handoff', 'Knowledge entries before a handoff', [{ key: 'id', title: 'Entry' },
      { key: 'title', title: 'Title' }, { key: 'handoffs', title: 'Conversations handed off' },
      { key: 'uses', title: 'Answers' }], d.knowledge.ledToHandoff),
    figureTable('an-funnel', 'Recommendation funnel by day', [{ key: 'day', title: 'Day' },
      { key: 'impressions', title: 'Impressions' }, { key: 'clicks', title: 'Clicks' },
      { key: 'addToCarts', title: 'Add to cart' }, { key: 'purchases', title: 'Purchases' },
      { ...share('ctr'), title: 'CTR' }, { ...share('conversion'), title: 'Conversion' },
      { key: 'revenueCents', title: 'Revenue (cents)' }], d.commerce.days),
    figureTable('an-variants', 'Experiment variants (Wilson 95 % intervals)', [
      { key: 'experiment', title: 'Experiment' }, { key: 'name', title: 'Variant' },
      { key: 'impressions', title: 'Impressions' }, { key: 'clicks', title: 'Clicks' },
      { key: 'ctrRate', title: 'CTR', show: ci('ctrRate', 'ctrLow', 'ctrHigh') },
      { key: 'ctrLow', title: 'CTR low', show: (r) => percent(r.ctrLow) },
      { key: 'ctrHigh', title: 'CTR high', show: (r) => percent(r.ctrHigh) },
      { key: 'purchases', title: 'Purchases' },
      { key: 'convRate', title: 'Conversion', show: ci('convRate', 'convLow', 'convHigh') },
      { key: 'p', title: 'p vs control', show: (r) => (r.p === null ? '–' : number(r.p, 3)) }], variants),
    figureTable('an-chat', 'Visitors who chatted vs not', [{ key: 'group', title: 'Visitors' },
      { key: 'visitors', title: 'Count' }, { key: 'purchasers', title: 'Bought' },
      { key: 'conversion', title: 'Conversion', show: ci('conversion', 'low', 'high') }],
    [{ group: 'chatted', ...chat.chatted }, { group: 'did not chat', ...chat.notChatted }]),
  ];
}

/**
 * The questions the bot could not answer, grouped (the learning loop's knowledge gaps: open now, whatever the
 * period); the Learning panel turns a group into a draft entry.
 */
function unanswered(clusters) {
  const rows = clusters.map((c) => ({ size: c.size, locale: c.locale, words: c.words.join(' '),
    questions: c.questions.slice(0, 3).join(' | ') }));
  return figureTable('an-unanswered', 'Top unanswered questions (open now, grouped; draft entries in Learning)', [
    { key: 'size', title: 'Messages' }, { key: 'locale', title: 'Locale' }, { key: 'words', title: 'Words' },
    { key: 'questions', title: 'Shoppers asked' }], rows);
}

/** Wires the panel into the console; refresh() loads the figures for the form's period. */
export function createAnalytics(api, { onFailure }) {
  addStyles();
  const form = filterForm();
  const status = el('p', { className: 'status', attrs: { role: 'status', 'data-testid': 'an-status', hidden: '' } });
  const kpis = el('div', { className: 'tiles', attrs: { 'data-testid': 'an-kpis' } });
  const charts = el('div', { className: 'charts' }, CHARTS.map(([id, title]) => el('figure', {}, [
    el('figcaption', { text: title }), el('div', { className: 'chart', attrs: { 'data-testid': id } })])));
  const figures = el('div', { className: 'tables', attrs: { 'data-testid': 'an-tables' } });
  const panel = el('section', { className: 'panel analytics', attrs: { 'data-testid': 'an-panel',
    'aria-labelledby': 'analytics-heading' } }, [
    el('h2', { text: 'Analytics', attrs: { id: 'analytics-heading' } }),
    el('p', { className: 'hint', text: 'Conversations started in the period (UTC days) in which the shopper wrote; '
      + 'contained: no person was involved. Definitions: docs/analytics.md.' }),
    form, status, kpis, charts, figures]);
  byTestId('admin-console').append(panel);
  const instances = new Map();

  async function refresh() {
    const filter = {};
    for (const name of ['from', 'to', 'locale', 'channel']) {
      const value = form.elements[name].value.trim();
      if (value) filter[name] = value;
    }
    say(status, 'Loading…');
    panel.dataset.state = 'loading';
    try {
      const [data, echarts, gaps] = await Promise.all([api.analytics(filter), loadEcharts(),
        api.admin('GET', 'learning/gaps?limit=10').catch(() => null)]);
      show(data, echarts, gaps);
      say(status, data.refreshedAt ? `Figures as of ${when(data.refreshedAt)} (recomputed every 5 minutes).`
        : 'Figures are being computed for the first time since the server started.');
      panel.dataset.state = 'ready';
    } catch (error) {
      panel.dataset.state = 'error';
      if (error.status === 401) return;
      say(status, `Could not load: ${error.message}`, 'error');
      if (!error.status) onFailure(error);
    }
  }

  function show(data, echarts, gaps) {
    kpis.replaceChildren(...tiles(data));
    const options = chartOptions(data);
    for (const [id] of CHARTS) {
      const node = byTestId(id, panel);
      let chart = instances.get(id);
      if (!chart) {
        chart = echarts.init(node, null, { renderer: 'svg' });
        instances.set(id, chart);
      }
      chart.setOption(options[id], true);
    }
    figures.replaceChildren(...tables(data), ...(gaps ? [unanswered(gaps.clusters)] : []));
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  byTestId('an-recompute', form).addEventListener('click', async () => {
    say(status, 'Recomputing…');
    try {
      await api.refreshAnalytics();
      await refresh();
    } catch (error) {
      if (error.status !== 401) say(status, `Could not recompute: ${error.message}`, 'error');
    }
  });
  window.addEventListener('resize', () => instances.forEach((chart) => chart.resize()));
  return { refresh, chart: (id) => instances.get(id) };
}
