// An entry's history: its revisions (who, when, what), a field-by-field comparison of one with the entry as it
// is now, and a rollback to it.

import { byTestId, el, when } from '../staff/dom.js';
import { fieldDiff } from './diff.js';

function diffRow(row) {
  return el('tr', { className: row.changed ? 'changed' : '',
    attrs: { 'data-testid': 'kb-diff-row', 'data-field': row.field, 'data-changed': String(row.changed) } }, [
    el('th', { text: row.label, attrs: { scope: 'row' } }),
    el('td', { text: row.before, attrs: { 'data-testid': 'kb-diff-before' } }),
    el('td', { text: row.after, attrs: { 'data-testid': 'kb-diff-after' } }),
  ]);
}

/**
 * Wires the history; onRolledBack(entry, message) runs after a rollback, onConflict(error) when someone else
 * changed the entry first, and leave(action) resolves true when unsaved edits in the editor may be thrown away.
 */
export function createHistory(api, { onRolledBack, onConflict, leave }) {
  const list = byTestId('kb-revisions');
  const diff = byTestId('kb-diff');
  const diffHeading = byTestId('kb-diff-heading');
  const diffRows = byTestId('kb-diff-rows');
  const rollback = byTestId('kb-rollback');
  let entry = null;
  let chosen = null;

  function compare(revision) {
    chosen = revision;
    diffHeading.textContent = `Revision ${revision.revision} compared with now (revision ${entry.revision})`;
    diffRows.replaceChildren(...fieldDiff(revision.fields, entry).map(diffRow));
    rollback.disabled = revision.revision === entry.revision;
    rollback.textContent = `Roll back to revision ${revision.revision}`;
    diff.hidden = false;
    for (const node of list.children) node.classList.toggle('selected', node.dataset.revision === String(revision.revision));
  }

  function revisionItem(revision) {
    const button = el('button', { className: 'quiet', text: 'Compare', attrs: { type: 'button',
      'data-testid': 'kb-revision-compare' } });
    button.addEventListener('click', () => compare(revision));
    return el('li', { attrs: { 'data-testid': 'kb-revision', 'data-revision': String(revision.revision),
      'data-action': revision.action } }, [
      el('span', { className: 'rev', text: `r${revision.revision}` }),
      el('span', { className: 'action', text: revision.action }),
      el('span', { className: 'by', text: revision.by || 'system' }),
      el('time', { text: when(revision.at), attrs: { datetime: revision.at } }),
      button,
    ]);
  }

  rollback.addEventListener('click', async () => {
    if (!entry || !chosen || !(await leave('Roll back and lose them'))) return;
    rollback.disabled = true;
    try {
      // From the revision shown: if someone else changed the entry since, nothing is rolled back (412).
      const rolledBack = await api.rollback(entry.id, chosen.revision, entry.revision);
      onRolledBack(rolledBack, `Rolled back to revision ${chosen.revision}.`);
    } catch (error) {
      rollback.disabled = false;
      if (error.code === 'edit_conflict') {
        diffHeading.textContent = 'Not rolled back: this entry was changed by someone else since you opened it — '
          + 'reload to see their version.';
        onConflict(error);
      } else if (error.status !== 401) {
        diffHeading.textContent = `Rollback failed: ${error.message}`;
      }
    }
  });

  return {
    /** Shows the history of an entry read with its revisions (null: a new entry, no history). */
    show(next) {
      entry = next;
      chosen = null;
      diff.hidden = true;
      list.replaceChildren(...(entry ? entry.revisions.map(revisionItem) : []));
    },
  };
}
