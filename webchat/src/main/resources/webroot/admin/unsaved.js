// Unsaved edits are not thrown away without asking: opening another entry, starting a new one, reloading after an
// edit conflict, rolling back, archiving or signing out with changes in the editor first asks in a dialog of the
// page (not window.confirm); closing or reloading the tab gets the browser's own "leave site?" question.

import { byTestId } from '../staff/dom.js';

/** Wires the question; dirty() says whether there are unsaved edits, name() names the entry they are in. */
export function createUnsavedGuard({ dirty, name }) {
  const dialog = byTestId('kb-unsaved');
  const message = byTestId('kb-unsaved-message');
  const discard = byTestId('kb-unsaved-discard');
  const keep = byTestId('kb-unsaved-keep');
  let pending = null;

  function settle(answer) {
    const resolve = pending;
    pending = null;
    if (dialog.open) dialog.close();
    if (resolve) resolve(answer);
  }

  discard.addEventListener('click', () => settle(true));
  keep.addEventListener('click', () => settle(false));
  // Escape closes a modal dialog: that keeps the edits.
  dialog.addEventListener('close', () => settle(false));

  window.addEventListener('beforeunload', (event) => {
    if (!dirty()) return;
    event.preventDefault();
    event.returnValue = '';
  });

  return {
    /**
     * Resolves true when the editor may be left: nothing is unsaved, or the admin chose to discard it; action
     * says what leaving does ("Open another entry and lose them").
     */
    leave(action) {
      if (!dirty()) return Promise.resolve(true);
      settle(false);
      message.textContent = `${name()} has changes that are not saved. ${action}?`;
      dialog.showModal();
      keep.focus();
      return new Promise((resolve) => { pending = resolve; });
    },
  };
}
