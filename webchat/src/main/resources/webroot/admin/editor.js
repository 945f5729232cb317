// The entry editor: a new entry or the one picked from the list; Save draft, Publish and Archive.
// Saving a published entry changes what shoppers get at once (the API republishes it), so the button says so.
// Every change names the revision the editor loaded (If-Match): when someone else changed the entry since, the
// API refuses with 412 and the editor says so, keeping what the admin typed; Reload fetches their version.

import { byTestId, say, when } from '../staff/dom.js';
import { changed, fillForm, hasContent, readForm } from './fields.js';

/**
 * Wires the editor; onChanged(entry, message) runs after every successful change, onReload(id) opens the entry
 * again as stored, and leave(action) resolves true when unsaved edits may be thrown away (see unsaved.js).
 */
export function createEditor(api, { onChanged, onReload, leave }) {
  const form = byTestId('kb-form');
  const heading = byTestId('kb-editor-heading');
  const meta = byTestId('kb-editor-meta');
  const status = byTestId('kb-editor-status');
  const conflict = byTestId('kb-conflict');
  const reload = byTestId('kb-reload');
  const save = byTestId('kb-save');
  const publish = byTestId('kb-publish');
  const archive = byTestId('kb-archive');
  let entry = null;

  /** The heading, meta line and buttons for the entry as last loaded or saved (the form is left alone). */
  function describe() {
    heading.textContent = entry ? entry.title : 'New entry';
    meta.textContent = entry
      ? `${entry.id} · ${entry.status} · revision ${entry.revision} · changed ${when(entry.updatedAt)}` : '';
    meta.dataset.status = entry ? entry.status : '';
    meta.dataset.revision = entry ? String(entry.revision) : '';
    save.textContent = entry && entry.status === 'published' ? 'Save (live now)' : 'Save draft';
    archive.disabled = !entry || entry.status === 'archived';
  }

  function show(next, message) {
    entry = next;
    fillForm(form, entry);
    describe();
    conflict.hidden = true;
    say(status, message || '', message ? 'ok' : '');
  }

  /** Creates or updates the entry from the form when it changed; returns the entry as saved. */
  async function saveForm() {
    if (entry && !changed(form, entry)) return entry;
    const fields = readForm(form);
    // Remembered at once: should a publish after it fail, the next try starts from what was saved.
    entry = entry ? await api.update(entry.id, fields, entry.revision) : await api.create(fields);
    describe();
    return entry;
  }

  function refused(error, what) {
    if (error.status === 401) {
      say(status, '');
    } else if (error.code === 'edit_conflict') {
      const now = error.details.revision ? ` (it is at revision ${error.details.revision} now; you opened revision `
        + `${entry.revision})` : '';
      say(status, `${what}: this entry was changed by someone else since you opened it${now} — reload to see their `
        + 'version. What you typed is still in the form.', 'error');
      status.dataset.code = 'edit_conflict';
      conflict.hidden = false;
    } else {
      say(status, `${what}: ${error.message}`, 'error');
    }
  }

  async function run(action, done, what) {
    say(status, 'Working…');
    delete status.dataset.code;
    conflict.hidden = true;
    for (const button of [save, publish, archive]) button.disabled = true;
    try {
      const result = await action();
      onChanged(result, done);
    } catch (error) {
      refused(error, what);
    } finally {
      save.disabled = false;
      publish.disabled = false;
      archive.disabled = !entry || entry.status === 'archived';
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(saveForm, 'Saved.', 'Not saved');
  });
  publish.addEventListener('click', () => run(async () => {
    const saved = await saveForm();
    return api.publish(saved.id, saved.revision);
  }, 'Published: shoppers get this answer now.', 'Not published'));
  archive.addEventListener('click', async () => {
    if (!entry || !(await leave('Archive it without saving them'))) return;
    run(() => api.archive(entry.id, entry.revision), 'Archived: shoppers no longer get it.', 'Not archived');
  });
  reload.addEventListener('click', async () => {
    if (entry && (await leave('Reload the entry and lose them'))) onReload(entry.id);
  });

  return {
    show,
    /** Says that a change elsewhere (a rollback) was refused because the entry changed meanwhile. */
    conflicted: (error, what) => refused(error, what),
    /** Shows a failure in the editor's status line. */
    report: (message) => say(status, message, 'error'),
    /** Shows a note in the editor's status line. */
    note: (message) => say(status, message, 'ok'),
    /** The entry open in the editor, as last saved ({@code null} for a new one). */
    current: () => entry,
    /** Whether the form holds edits that are not saved. */
    dirty: () => (entry ? changed(form, entry) : hasContent(form)),
    /** How the unsaved-changes question names what is open. */
    name: () => (entry ? `“${entry.title}”` : 'The new entry'),
  };
}
