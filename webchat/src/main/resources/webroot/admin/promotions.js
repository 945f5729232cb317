// Promotions: the coupons the bot offers in the chat. The list (name, code, discount, rule, active), a form to add
// one or change one, Activate/Deactivate, and each one's results (offers, clicks, redemptions). The panel builds
// its own form; all text goes in as textContent.

import { byTestId, el, say } from '../staff/dom.js';

const RULES = { first_purchase: 'First purchase', cart_above: 'Cart above', hesitating: 'Hesitating shopper' };
const FIELDS = [
  ['name', 'Name', 'text'], ['code', 'Code (A–Z, 0–9, - and _)', 'text'], ['percentOff', 'Percent off', 'number'],
  ['amountOffCents', 'Or amount off (cents)', 'number'], ['rule', 'Rule', 'rule'],
  ['thresholdCents', 'Cart above (cents)', 'number'], ['hesitateMinutes', 'Hesitating: minutes since carting', 'number'],
  ['hesitateViews', 'Hesitating: views without a cart', 'number'], ['textEn', 'Offer text (English)', 'textarea'],
  ['textZh', 'Offer text (中文)', 'textarea'], ['maxOffersPerConversation', 'At most per conversation', 'number'],
  ['attributionHours', 'Attribution window (hours)', 'number'],
];

const path = (id, action = '') => `promotions/${encodeURIComponent(id)}${action}`;

function discount(p) {
  return p.percentOff != null ? `${p.percentOff} %` : `${(p.amountOffCents / 100).toFixed(2)} off`;
}

function rule(p) {
  if (p.rule === 'cart_above') return `${RULES.cart_above} ${(p.thresholdCents / 100).toFixed(2)}`;
  if (p.rule === 'hesitating') return `${RULES.hesitating} (${p.hesitateMinutes} min / ${p.hesitateViews} views)`;
  return RULES[p.rule] || p.rule;
}

function input(name, label, kind) {
  let control;
  if (kind === 'rule') {
    control = el('select', { attrs: { name, 'data-testid': `promo-${name}` } },
      Object.entries(RULES).map(([value, text]) => el('option', { attrs: { value }, text })));
  } else if (kind === 'textarea') {
    control = el('textarea', { attrs: { name, rows: '2', maxlength: '500', 'data-testid': `promo-${name}` } });
  } else {
    control = el('input', { attrs: { name, type: kind, 'data-testid': `promo-${name}` } });
  }
  return el('label', { text: label + ' ' }, [control]);
}

/** Wires the promotions panel; onFailure(error) reports a failed load. */
export function createPromotions(api, { onFailure }) {
  const panel = byTestId('promo-panel');
  const list = el('tbody', { attrs: { 'data-testid': 'promo-list' } });
  const status = el('p', { className: 'status', attrs: { role: 'status', 'data-testid': 'promo-status' } });
  const formStatus = el('p', { className: 'status', attrs: { role: 'status', 'data-testid': 'promo-form-status' } });
  const heading = el('h3', { text: 'New promotion' });
  const save = el('button', { attrs: { type: 'submit', 'data-testid': 'promo-save' }, text: 'Save' });
  const cancel = el('button', { className: 'quiet', attrs: { type: 'button' }, text: 'Cancel' });
  const form = el('form', { className: 'canned-form promo-form', attrs: { 'data-testid': 'promo-form', novalidate: '' } },
    [heading, ...FIELDS.map(([name, label, kind]) => input(name, label, kind)),
      el('div', { className: 'actions' }, [save, document.createTextNode(' '), cancel]), formStatus]);
  const results = el('p', { attrs: { 'data-testid': 'promo-results' } });
  const create = el('button', { className: 'quiet', attrs: { type: 'button', 'data-testid': 'promo-new' },
    text: 'New promotion' });
  const head = el('tr', {}, ['Name', 'Code', 'Discount', 'Rule', 'Active', ''].map((t) => el('th', { text: t })));
  panel.append(el('table', {}, [el('thead', {}, [head]), list]), status, results,
    el('div', { className: 'actions' }, [create]), form);
  say(status, '');
  say(formStatus, '');
  results.hidden = true;
  form.hidden = true;
  let editing = null;

  function button(text, testId, action) {
    const b = el('button', { className: 'quiet', attrs: { type: 'button', 'data-testid': testId }, text });
    b.addEventListener('click', action);
    return b;
  }

  function row(p) {
    return el('tr', { attrs: { 'data-testid': 'promo-row', 'data-code': p.code } }, [
      el('td', { text: p.name }), el('td', { text: p.code }), el('td', { text: discount(p) }),
      el('td', { text: rule(p) }), el('td', { text: p.active ? 'yes' : 'no', attrs: { 'data-testid': 'promo-active' } }),
      el('td', { className: 'buttons' }, [
        button('Edit', 'promo-edit', () => show(p)),
        button(p.active ? 'Deactivate' : 'Activate', 'promo-toggle', () => toggle(p)),
        button('Results', 'promo-show-results', () => showResults(p)),
      ]),
    ]);
  }

  async function act(work, message) {
    try {
      await work();
      if (message) say(status, message, 'ok');
      await refresh();
    } catch (error) {
      if (error.status !== 401) say(status, error.message, 'error');
    }
  }

  const toggle = (p) => act(() => api.admin('POST', path(p.id, p.active ? '/deactivate' : '/activate')),
    p.active ? `“${p.name}” is no longer offered.` : `“${p.name}” is offered in the chat from now on.`);

  async function showResults(p) {
    try {
      const r = (await api.admin('GET', path(p.id, '/results'))).results;
      const rate = (x) => (x == null ? '–' : `${(x * 100).toFixed(1)} %`);
      results.textContent = `${p.name}: ${r.offers} offers, ${r.clicks} clicks (${rate(r.clickRate)}), `
        + `${r.redemptions} redemptions (${rate(r.redemptionRate)})`;
      results.hidden = false;
    } catch (error) {
      if (error.status !== 401) say(status, error.message, 'error');
    }
  }

  async function refresh() {
    try {
      const answer = await api.admin('GET', 'promotions');
      list.replaceChildren(...answer.promotions.map(row));
    } catch (error) {
      onFailure(error);
    }
  }

  function show(p) {
    editing = p;
    form.reset();
    form.hidden = false;
    say(formStatus, '');
    heading.textContent = p ? `Change “${p.name}”` : 'New promotion';
    for (const [name] of FIELDS) {
      const value = p ? p[name] : null;
      form.elements[name].value = value == null ? (name === 'rule' ? 'first_purchase' : '') : String(value);
    }
    form.elements.name.focus();
  }

  function definition() {
    const body = {};
    for (const [name, , kind] of FIELDS) {
      const raw = form.elements[name].value.trim();
      if (raw === '') continue;
      body[name] = kind === 'number' ? Number(raw) : raw;
    }
    return body;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const saved = editing ? await api.admin('PUT', path(editing.id), definition())
        : await api.admin('POST', 'promotions', definition());
      form.hidden = true;
      editing = null;
      say(status, `Saved “${saved.name}”${saved.active ? '' : ' (not offered until activated)'}.`, 'ok');
      await refresh();
    } catch (error) {
      if (error.status !== 401) say(formStatus, error.message, 'error');
    }
  });
  create.addEventListener('click', () => show(null));
  cancel.addEventListener('click', () => {
    form.hidden = true;
    editing = null;
  });

  return { refresh };
}
