// The import box: paste or choose a JSON Lines or CSV file; shows how many entries came in, or each bad line.

import { byTestId, el, say } from '../staff/dom.js';

/** Wires the import box; onImported() runs after a successful import. */
export function createImporter(api, { onImported }) {
  const format = byTestId('kb-import-format');
  const file = byTestId('kb-import-file');
  const text = byTestId('kb-import-text');
  const submit = byTestId('kb-import-submit');
  const result = byTestId('kb-import-result');
  const errors = byTestId('kb-import-errors');

  file.addEventListener('change', async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    if (/\.csv$/i.test(chosen.name)) format.value = 'csv';
    else if (/\.(jsonl|ndjson|json)$/i.test(chosen.name)) format.value = 'jsonl';
    text.value = await chosen.text();
  });

  submit.addEventListener('click', async () => {
    errors.replaceChildren();
    if (!text.value.trim()) {
      say(result, 'Paste the file or choose one first.', 'error');
      return;
    }
    say(result, 'Importing…');
    submit.disabled = true;
    try {
      const done = await api.importFile(format.value, text.value);
      say(result, `Imported ${done.imported} entries (${done.published} published).`, 'ok');
      text.value = '';
      file.value = '';
      onImported();
    } catch (error) {
      if (error.status === 401) {
        say(result, '');
        return;
      }
      say(result, error.code === 'invalid_rows' ? `Nothing was imported: ${error.message}.`
        : `Import failed: ${error.message}`, 'error');
      errors.replaceChildren(...error.rows.map((row) => el('li', {
        attrs: { 'data-testid': 'kb-import-error', 'data-line': String(row.line) },
      }, [el('strong', { text: `Line ${row.line}: ` }), el('span', { text: row.message })])));
    } finally {
      submit.disabled = false;
    }
  });
}
