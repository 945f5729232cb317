// The entry editor: a new entry or the one picked from the list; Save draft, Publish and Archive.
// Saving a published entry changes what shoppers get at once (the API republishes it), so the button says so.

import { byTestId, say, when } from './dom.js';
import { changed, fillForm, readForm } from './fields.js';

/** Wires the editor; onChanged(entry) runs after every successful change. */
export function createEditor(api, { onChanged }) {
  const form = byTestId('kb-form');
  const heading = byTestId('kb-editor-heading');
  const meta = byTestId('kb-editor-meta');
  const status = byTestId('kb-editor-status');
  const save = byTestId('kb-save');
  const publish = byTestId('kb-publish');
  const archive = byTestId('kb-archive');
  let entry = null;

  function show(next, message) {
    entry = next;
    fillForm(form, entry);
    heading.textContent = entry ? entry.title : 'New entry';
    meta.textContent = entry
      ? `${entry.id} · ${entry.status} · revision ${entry.revision} · changed ${when(entry.updatedAt)}` : '';
    meta.dataset.status = entry ? entry.status : '';
    save.textContent = entry && entry.status === 'published' ? 'Save (live now)' : 'Save draft';
    archive.disabled = !entry || entry.status === 'archived';
    say(status, message || '', message ? 'ok' : '');
  }

  /** Creates or updates the entry from the form when it changed; returns the entry as saved. */
  async function saveForm() {
    if (!changed(form, entry)) return entry;
    const fields = readForm(form);
    return entry ? api.update(entry.id, fields) : api.create(fields);
  }

  async function run(action, done) {
    say(status, 'Working…');
    for (const button of [save, publish, archive]) button.disabled = true;
    try {
      const result = await action();
      onChanged(result, done);
    } catch (error) {
      say(status, error.status === 401 ? '' : `Not saved: ${error.message}`, 'error');
    } finally {
      save.disabled = false;
      publish.disabled = false;
      archive.disabled = !entry || entry.status === 'archived';
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(saveForm, 'Saved.');
  });
  publish.addEventListener('click', () => run(async () => api.publish((await saveForm()).id),
    'Published: shoppers get this answer now.'));
  archive.addEventListener('click', () => run(() => api.archive(entry.id), 'Archived: shoppers no longer get it.'));

  return {
    show,
    /** Shows a failure in the editor's status line. */
    report: (message) => say(status, message, 'error'),
    /** The entry open in the editor, as last saved ({@code null} for a new one). */
    current: () => entry,
  };
}
