// "Ask a test question": how shoppers' search would rank the open entry, as saved, for a question.

import { byTestId, say } from '../staff/dom.js';

/** Wires the preview box; current() is the entry open in the editor. */
export function createPreview(api, { current }) {
  const form = byTestId('kb-preview');
  const result = byTestId('kb-preview-result');
  const status = byTestId('kb-preview-status');
  const field = (name) => byTestId(`kb-preview-${name}`);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const entry = current();
    result.hidden = true;
    if (!entry) {
      say(status, 'Save the entry first, then preview it.', 'error');
      return;
    }
    const question = form.elements.question.value.trim();
    if (!question) {
      say(status, 'Type a question a shopper might ask.', 'error');
      return;
    }
    say(status, 'Asking…');
    try {
      const preview = await api.preview(entry.id, question);
      field('rank').textContent = preview.rank === null ? 'not in the top 5' : `#${preview.rank}`;
      field('confidence').textContent = preview.confidence === null ? '—'
        : `${preview.confidence.toFixed(2)} (threshold ${preview.threshold})`;
      field('would').textContent = preview.wouldAnswer ? 'Yes' : 'No';
      field('would').dataset.value = String(preview.wouldAnswer);
      field('answer').textContent = preview.answer === null ? '—' : preview.answer;
      result.hidden = false;
      say(status, '');
    } catch (error) {
      say(status, error.status === 401 ? '' : `Preview failed: ${error.message}`, 'error');
    }
  });

  return {
    /** Forgets the last answer (another entry was opened). */
    reset() {
      result.hidden = true;
      say(status, '');
      form.elements.question.value = '';
    },
  };
}
