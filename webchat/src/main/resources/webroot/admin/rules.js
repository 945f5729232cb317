// Handoff rules: the requests (intents the NLU model reads) that always go to a person. One checkbox per intent;
// Save replaces the list.

import { byTestId, el, say } from '../staff/dom.js';

const label = (intent) => intent.replace(/_/g, ' ');

/** Wires the rules form in the team panel; onFailure(error) reports a failed load. */
export function createRules(api, { onFailure }) {
  const form = byTestId('rules-form');
  const intents = byTestId('rules-intents');
  const status = byTestId('rules-status');

  function show(answer) {
    const on = new Set(answer.rules);
    intents.replaceChildren(...answer.intents.map((intent) => {
      const box = el('input', { attrs: { type: 'checkbox', value: intent, 'data-testid': `rule-${intent}` } });
      box.checked = on.has(intent);
      return el('label', { className: 'check' }, [box, document.createTextNode(label(intent))]);
    }));
    if (!answer.intents.length) {
      intents.append(el('p', { className: 'hint', text: 'The rule-based NLU reads no requests: rules need the '
        + 'transformer model.' }));
    }
  }

  async function refresh() {
    try {
      show(await api.handoffRules());
    } catch (error) {
      onFailure(error);
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = [...intents.querySelectorAll('input:checked')].map((box) => box.value);
    try {
      const answer = await api.setHandoffRules(chosen);
      show(answer);
      say(status, answer.rules.length ? `Saved: ${answer.rules.map(label).join(', ')} always go to a person.`
        : 'Saved: the bot answers everything it can.', 'ok');
    } catch (error) {
      if (error.status !== 401) say(status, error.message, 'error');
    }
  });

  return { refresh };
}
